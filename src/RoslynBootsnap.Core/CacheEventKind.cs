namespace RoslynBootsnap;

/// <summary>What the cache did for one fetch.</summary>
public enum CacheEventKind
{
    /// <summary>A valid entry was loaded; nothing was compiled.</summary>
    Hit,

    /// <summary>No entry existed; the script was compiled and the entry written.</summary>
    Miss,

    /// <summary>An entry existed but no longer matched its source, environment or checksum; it was recompiled and overwritten.</summary>
    Stale,

    /// <summary>The source's timestamp changed but its content did not; the entry was kept and its header refreshed.</summary>
    Revalidated,

    /// <summary>The script could not be cached and ran from an in-memory compile instead.</summary>
    Uncompilable,

    /// <summary>Writing (or removing) the entry failed; the script still ran. <see cref="CacheEvent.Step"/> names the step.</summary>
    WriteFailed,

    /// <summary>No local entry was current; a signed entry from the remote store was taken, and written locally.</summary>
    RemoteHit,

    /// <summary>No local entry was current and the remote store had none either (or one for other dependencies).</summary>
    RemoteMiss,

    /// <summary>The remote store could not be used or its value was refused; <see cref="CacheEvent.Step"/> names why. The script still ran.</summary>
    RemoteFailed,

    /// <summary>
    /// The compile server could not bring the entry up to date, so the script compiled in process.
    /// <see cref="CacheEvent.Step"/> names the reason, one of the <c>Server</c> steps of <see cref="CacheSteps"/>.
    /// </summary>
    ServerFallback,
}
