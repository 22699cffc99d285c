namespace RoslynBootsnap;

/// <summary>What <see cref="ScriptCacheMaintenance.Verify"/> found, and with a fix, removed.</summary>
/// <param name="EntriesChecked">How many entry files were checked.</param>
/// <param name="Bad">Corrupt, unreadable and untrusted entries.</param>
/// <param name="NotEntries">Symbolic links and other non-files where shards or entries belong: never removed.</param>
/// <param name="Orphans">Well-formed entries whose script is gone or moved: not bad, <c>clean</c> removes them.</param>
/// <param name="Removed">How many bad entries were removed (0 without a fix).</param>
/// <param name="Failures">The bad entries that could not be removed, with the reason.</param>
public sealed record VerifyResult(
    int EntriesChecked,
    IReadOnlyList<CacheEntryInfo> Bad,
    IReadOnlyList<CacheEntryInfo> NotEntries,
    IReadOnlyList<CacheEntryInfo> Orphans,
    int Removed,
    IReadOnlyList<MaintenanceFailure> Failures)
{
    /// <summary>Whether the cache is clean: nothing bad left and nothing foreign in it.</summary>
    public bool IsClean => (Bad.Count == Removed) && NotEntries.Count == 0 && Failures.Count == 0;
}
