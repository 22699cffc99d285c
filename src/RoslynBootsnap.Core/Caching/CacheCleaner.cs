using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Caching;

/// <summary>
/// Chooses what to prune from a cache dir, least recently used first, and removes it. Entry files are only
/// ever replaced by rename, so removing one never tears a write; temp files are removed only once they are
/// old enough that no live writer can own them.
/// </summary>
internal static class CacheCleaner
{
    public static IReadOnlyList<CacheEntryInfo> Select(IReadOnlyList<CacheEntryInfo> inventory, CleanCriteria criteria, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(criteria);

        var remove = new List<CacheEntryInfo>();
        var keep = new List<CacheEntryInfo>();
        foreach (var entry in inventory)
        {
            if (!entry.IsRemovable)
            {
                continue;
            }

            var doomed = entry.Status switch
            {
                CacheEntryStatus.TempFile => nowUtc - entry.LastWriteUtc > CacheInventory.AbandonedTempFileAge,
                CacheEntryStatus.Orphaned when criteria.Orphans => true,
                _ => criteria.OlderThan is { } age && nowUtc - entry.LastAccessUtc > age,
            };

            if (doomed)
            {
                remove.Add(entry);
            }
            else if (entry.Status != CacheEntryStatus.TempFile)
            {
                keep.Add(entry);
            }
        }

        if (criteria.MaxSize is { } maxSize)
        {
            var total = keep.Sum(e => e.Length);
            foreach (var entry in keep.OrderBy(e => e.LastAccessUtc).ThenBy(e => e.EntryPath, StringComparer.Ordinal))
            {
                if (total <= maxSize)
                {
                    break;
                }

                remove.Add(entry);
                total -= entry.Length;
            }
        }

        return remove;
    }

    /// <summary>
    /// Removes the given files from <paramref name="cacheDirectory"/>; answers how many bytes were freed. A file
    /// already gone is fine. Only a regular file whose parent is a real directory directly inside the cache
    /// dir, owned by the current user or root, is ever removed: nothing is followed through a symbolic link.
    /// </summary>
    public static long Remove(string cacheDirectory, IEnumerable<CacheEntryInfo> entries, Action<CacheEntryInfo, Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var root = CachePath.NormalizeCacheDirectory(cacheDirectory);
        long freed = 0;
        foreach (var entry in entries)
        {
            try
            {
                Delete(root, entry);
                freed += entry.Length;
            }
            catch (CacheIOException e)
            {
                onError?.Invoke(entry, e);
            }
        }

        return freed;
    }

    private static void Delete(string root, CacheEntryInfo entry)
    {
        var path = entry.EntryPath;
        var shardPath = Path.GetDirectoryName(path) ?? string.Empty;
        if (!entry.IsRemovable)
        {
            throw Refused(path, "it is not a regular file");
        }

        if (!DirectoryHandle.IsSupported)
        {
            CacheFile.Delete(path);
            return;
        }

        using var shard = CacheInventory.OpenShard(root, shardPath, out var problem);
        if (shard is null)
        {
            if (problem is null)
            {
                return; // Gone with its shard.
            }

            throw Refused(path, $"its directory {problem}");
        }

        if (!FileTrust.IsOwnedByCurrentUserOrRoot(shard.Status))
        {
            throw Refused(path, $"its directory is owned by user {shard.Status.Owner}");
        }

        var name = Path.GetFileName(path);
        if (!shard.TryGetStatus(name, out var status))
        {
            return;
        }

        if (!status.IsRegularFile)
        {
            throw Refused(path, "it is not a regular file");
        }

        shard.Unlink(name);
    }

    /// <summary>
    /// Removes the shards and namespaces that pruning left empty, so that a namespace nobody uses any more (a host
    /// with other options, an older runtime or library) disappears with its last entry. A directory that is not
    /// empty, or that a writer refills meanwhile, stays: a writer whose shard vanished creates it again.
    /// </summary>
    public static void RemoveEmptyDirectories(string cacheDirectory)
    {
        if (!DirectoryHandle.IsSupported)
        {
            return;
        }

        using var root = DirectoryHandle.OpenOrNull(CachePath.NormalizeCacheDirectory(cacheDirectory), out _);
        if (root is null)
        {
            return;
        }

        foreach (var name in root.ReadNames())
        {
            if (CachePath.IsNamespaceName(name))
            {
                using var space = root.OpenDirectoryOrNull(name, out _);
                if (space is null || !FileTrust.IsOwnedByCurrentUserOrRoot(space.Status))
                {
                    continue;
                }

                foreach (var shard in space.ReadNames().Where(CachePath.IsShardName))
                {
                    space.TryRemoveEmptyDirectory(shard);
                }
            }

            if (CachePath.IsNamespaceName(name) || CachePath.IsShardName(name))
            {
                root.TryRemoveEmptyDirectory(name);
            }
        }
    }

    private static CacheIOException Refused(string path, string reason) =>
        new("unlink", path, new IOException($"not removed: {reason}"));
}
