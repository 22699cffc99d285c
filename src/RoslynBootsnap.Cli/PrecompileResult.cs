namespace RoslynBootsnap.Cli;

/// <summary>The outcome for one script and, for a failure, what to print about it.</summary>
internal sealed record PrecompileResult(string Path, PrecompileOutcome Outcome, string? Details = null);
