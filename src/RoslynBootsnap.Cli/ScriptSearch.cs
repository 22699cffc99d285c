namespace RoslynBootsnap.Cli;

/// <summary>The scripts found, in order, and the arguments that named nothing.</summary>
internal sealed record ScriptSearch(IReadOnlyList<string> Scripts, IReadOnlyList<string> Missing)
{
    /// <summary>The exclude globs that left out no script in any directory searched: most likely a mistake.</summary>
    public IReadOnlyList<string> UnmatchedExcludes { get; init; } = [];
}
