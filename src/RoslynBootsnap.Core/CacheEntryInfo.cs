namespace RoslynBootsnap;

/// <summary>One file under the cache dir as the inventory saw it.</summary>
/// <param name="EntryPath">The file's full path.</param>
/// <param name="Status">What it was found to be.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="LastAccessUtc">When it was last used (a hit moves the access time at most hourly).</param>
/// <param name="LastWriteUtc">When it was written.</param>
/// <param name="SourcePath">For a well-formed entry, the script it was compiled from.</param>
/// <param name="Problem">For a bad, untrusted or foreign file, why, in words.</param>
public sealed record CacheEntryInfo(
    string EntryPath,
    CacheEntryStatus Status,
    long Length,
    DateTime LastAccessUtc,
    DateTime LastWriteUtc,
    string? SourcePath,
    string? Problem)
{
    /// <summary>
    /// The namespace directory the file is in (one per environment key), or <see langword="null"/> for a shard
    /// directly in the cache dir, the layout of older versions.
    /// </summary>
    public string? Namespace { get; init; }

    /// <summary>Whether this is an entry file, good or bad: not a temp file, a link or something that is no file.</summary>
    public bool IsEntry => Status is not (CacheEntryStatus.TempFile or CacheEntryStatus.SymbolicLink or CacheEntryStatus.NotRegularFile);

    /// <summary>Whether the inventory may ever remove it: only regular files are removed.</summary>
    public bool IsRemovable => Status is not (CacheEntryStatus.SymbolicLink or CacheEntryStatus.NotRegularFile);
}
