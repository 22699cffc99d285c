namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// Running totals of cache events. A hit only increments counts; the event source and the meters read them when
/// they are observed, so no count is lost to a listener that attaches late.
/// </summary>
internal sealed class CacheCounts
{
    private long _hits;
    private long _misses;
    private long _stale;
    private long _revalidated;
    private long _writeFailures;

    /// <summary>Every cache in the process: what the event source reports.</summary>
    public static CacheCounts Process { get; } = new();

    /// <summary>
    /// The caches built without a meter factory: what the process-wide meter reports. A cache with a meter of
    /// its own counts there instead, so that a listener of both meters counts nothing twice.
    /// </summary>
    public static CacheCounts Unmetered { get; } = new();

    public long Hits => Volatile.Read(ref _hits);

    public long Misses => Volatile.Read(ref _misses);

    public long Stale => Volatile.Read(ref _stale);

    public long Revalidated => Volatile.Read(ref _revalidated);

    public long WriteFailures => Volatile.Read(ref _writeFailures);

    public void Count(CacheEventKind kind)
    {
        switch (kind)
        {
            case CacheEventKind.Hit:
                Interlocked.Increment(ref _hits);
                break;
            case CacheEventKind.Miss:
                Interlocked.Increment(ref _misses);
                break;
            case CacheEventKind.Stale:
                Interlocked.Increment(ref _stale);
                break;
            case CacheEventKind.Revalidated:
                Interlocked.Increment(ref _revalidated);
                break;
            case CacheEventKind.WriteFailed:
                Interlocked.Increment(ref _writeFailures);
                break;
            default:
                break;
        }
    }
}
