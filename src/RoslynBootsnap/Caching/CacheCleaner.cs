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

    /// <summary>Removes the given files; answers how many bytes were freed. A file already gone is fine.</summary>
    public static long Remove(IEnumerable<CacheEntryInfo> entries, Action<CacheEntryInfo, Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        long freed = 0;
        foreach (var entry in entries)
        {
            try
            {
                CacheFile.Delete(entry.EntryPath);
                freed += entry.Length;
            }
            catch (CacheIOException e)
            {
                onError?.Invoke(entry, e);
            }
        }

        return freed;
    }
}
