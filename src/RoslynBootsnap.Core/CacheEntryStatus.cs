namespace RoslynBootsnap;

/// <summary>What an inventory found a file under the cache dir to be.</summary>
public enum CacheEntryStatus
{
    /// <summary>A well-formed entry whose script still exists at the path it was compiled from.</summary>
    Valid,

    /// <summary>A well-formed entry whose script is gone, or lives at a path that no longer maps to this entry.</summary>
    Orphaned,

    /// <summary>A file whose header, checksum or manifest does not hold together.</summary>
    Corrupt,

    /// <summary>A file that could not be read at all.</summary>
    Unreadable,

    /// <summary>A write's temp file: in flight, or left by a process that died mid-write.</summary>
    TempFile,

    /// <summary>An entry that others could have written, or one in a shard directory that others could have written.</summary>
    Untrusted,

    /// <summary>A symbolic link where a shard or an entry belongs: never followed, never removed.</summary>
    SymbolicLink,

    /// <summary>Something other than a regular file where an entry belongs (a directory, a FIFO, a device): never removed.</summary>
    NotRegularFile,
}
