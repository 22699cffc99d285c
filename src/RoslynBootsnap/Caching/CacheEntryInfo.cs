namespace RoslynBootsnap.Caching;

/// <summary>One file under the cache dir as the inventory saw it.</summary>
internal sealed record CacheEntryInfo(
    string EntryPath,
    CacheEntryStatus Status,
    long Length,
    DateTime LastAccessUtc,
    DateTime LastWriteUtc,
    string? SourcePath,
    string? Problem);
