namespace RoslynBootsnap.Cli;

/// <summary>What <c>run</c> was asked to do.</summary>
internal sealed record RunRequest(string ScriptPath, IReadOnlyList<string> Arguments, string? CacheDirectory, bool NoCache, bool Events)
{
    /// <summary>Code to run in place of a file (<c>eval</c>): compiled in memory as <see cref="ScriptPath"/>, never cached.</summary>
    public string? Code { get; init; }

    /// <summary>Compile a miss in this process rather than through the compile server.</summary>
    public bool NoServer { get; init; }
}
