namespace RoslynBootsnap.Cli;

/// <summary>What <c>run</c> was asked to do: the script, its arguments, and what the options said.</summary>
internal sealed record RunRequest(string ScriptPath, IReadOnlyList<string> Arguments, RunSettings Settings)
{
    /// <summary>Code to run in place of a file (<c>eval</c>): compiled in memory as <see cref="ScriptPath"/>, never cached.</summary>
    public string? Code { get; init; }
}
