using RoslynBootsnap.Caching;

namespace RoslynBootsnap;

/// <summary>
/// The maintenance of one cache dir, as the command line's <c>stats</c>, <c>clean</c> and <c>verify</c> do it:
/// list what it holds, prune it, and check every entry. The walk never follows a symbolic link, and only regular
/// files in shards owned by the current user or root are ever removed.
/// </summary>
public sealed class ScriptCacheMaintenance
{
    /// <summary>Works on <paramref name="cacheDirectory"/>.</summary>
    /// <param name="cacheDirectory">The cache dir; relative paths resolve against the current directory.</param>
    /// <exception cref="ArgumentException">The path is blank or too long for the platform.</exception>
    public ScriptCacheMaintenance(string cacheDirectory)
        : this(cacheDirectory, TimeProvider.System)
    {
    }

    /// <summary>Works on <paramref name="cacheDirectory"/>, judging ages by <paramref name="time"/>.</summary>
    /// <param name="cacheDirectory">The cache dir; relative paths resolve against the current directory.</param>
    /// <param name="time">The clock entries' ages are measured against; tests pass one they move.</param>
    internal ScriptCacheMaintenance(string cacheDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        CacheDirectory = CachePath.NormalizeCacheDirectory(cacheDirectory);
        _time = time;
    }

    private readonly TimeProvider _time;

    /// <summary>The cache dir, as a full path.</summary>
    public string CacheDirectory { get; }

    /// <summary>Every file in the cache dir's layout, classified; reading them does not count as using them.</summary>
    public IReadOnlyList<CacheEntryInfo> GetInventory() => [.. CacheInventory.Scan(CacheDirectory)];

    /// <summary>
    /// Removes what <paramref name="criteria"/> selects (entries unused for a while, orphans, then the least
    /// recently used until the cache fits) and temp files left by writers that died, then the shards and
    /// namespaces that emptied. Entries being written are never touched.
    /// </summary>
    /// <param name="criteria">What to remove.</param>
    /// <param name="dryRun">Only say what would go.</param>
    public CleanResult Clean(CleanCriteria criteria, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var inventory = GetInventory();
        var doomed = CacheCleaner.Select(inventory, criteria, _time.GetUtcNow().UtcDateTime);
        var failures = new List<MaintenanceFailure>();
        var freed = dryRun
            ? doomed.Sum(e => e.Length)
            : CacheCleaner.Remove(CacheDirectory, doomed, (entry, e) => failures.Add(new MaintenanceFailure(entry, e.Message)));
        if (!dryRun)
        {
            CacheCleaner.RemoveEmptyDirectories(CacheDirectory);
        }

        var kept = inventory.Count(e => e.IsEntry) - doomed.Count(e => e.IsEntry);
        return new CleanResult(doomed, freed, kept, failures);
    }

    /// <summary>
    /// Checks every entry's header, checksum and manifest and who could have written it; with
    /// <paramref name="fix"/>, removes the bad ones. Links and other non-files are reported, never removed.
    /// </summary>
    /// <param name="fix">Remove the bad entries.</param>
    public VerifyResult Verify(bool fix = false)
    {
        var inventory = GetInventory();
        List<CacheEntryInfo> bad = [.. inventory.Where(e => e.Status is CacheEntryStatus.Corrupt or CacheEntryStatus.Unreadable or CacheEntryStatus.Untrusted)];
        var failures = new List<MaintenanceFailure>();
        if (fix)
        {
            CacheCleaner.Remove(CacheDirectory, bad, (entry, e) => failures.Add(new MaintenanceFailure(entry, e.Message)));
        }

        return new VerifyResult(
            inventory.Count(e => e.IsEntry),
            bad,
            [.. inventory.Where(e => !e.IsRemovable)],
            [.. inventory.Where(e => e.Status == CacheEntryStatus.Orphaned)],
            fix ? bad.Count - failures.Count : 0,
            failures);
    }
}
