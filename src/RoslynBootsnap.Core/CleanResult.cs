namespace RoslynBootsnap;

/// <summary>What <see cref="ScriptCacheMaintenance.Clean"/> removed, or would remove on a dry run.</summary>
/// <param name="Removed">The files chosen for removal, least recently used last; on a dry run, what would go.</param>
/// <param name="BytesFreed">The bytes those files held, less those that could not be removed.</param>
/// <param name="EntriesKept">How many entries remain.</param>
/// <param name="Failures">The files that could not be removed, with the reason.</param>
public sealed record CleanResult(IReadOnlyList<CacheEntryInfo> Removed, long BytesFreed, int EntriesKept, IReadOnlyList<MaintenanceFailure> Failures);
