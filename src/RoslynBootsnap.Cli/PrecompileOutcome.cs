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

    /// <summary>
    /// The script did not compile on its own, but another script in the set <c>#load</c>s it: a helper, not a
    /// failure. Its real errors still show in the scripts that load it.
    /// </summary>
    LoadOnly,
}
