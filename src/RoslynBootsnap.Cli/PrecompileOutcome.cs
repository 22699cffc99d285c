namespace RoslynBootsnap.Cli;

/// <summary>What <c>precompile</c> did for one script.</summary>
internal enum PrecompileOutcome
{
    /// <summary>The entry was missing or stale and has been written.</summary>
    Compiled,

    /// <summary>The entry was already valid; nothing was compiled.</summary>
    UpToDate,

    /// <summary>The script did not compile, could not be read, or its entry could not be written.</summary>
    Failed,
}
