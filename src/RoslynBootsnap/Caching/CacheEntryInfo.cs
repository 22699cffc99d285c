namespace RoslynBootsnap.Caching;

/// <summary>One file under the cache dir as the inventory saw it.</summary>
internal sealed record CacheEntryInfo(
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
