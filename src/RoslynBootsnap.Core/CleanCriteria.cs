namespace RoslynBootsnap;

/// <summary>What <c>clean</c> should remove; every criterion that is set applies.</summary>
/// <param name="OlderThan">Remove entries not used for this long.</param>
/// <param name="MaxSize">Then remove the least recently used entries until the cache holds at most this many bytes.</param>
/// <param name="Orphans">Remove entries whose script is gone or moved.</param>
public sealed record CleanCriteria(TimeSpan? OlderThan = null, long? MaxSize = null, bool Orphans = false);
