namespace RoslynBootsnap.Cli;

/// <summary>The scripts found, in order, and the arguments that named nothing.</summary>
internal sealed record ScriptSearch(IReadOnlyList<string> Scripts, IReadOnlyList<string> Missing);
