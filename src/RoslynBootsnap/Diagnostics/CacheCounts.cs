namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// Process-wide running totals of cache events. A hit only increments one of these; the event source and the
/// meter read them when they are observed, so no count is lost to a listener that attaches late.
/// </summary>
internal static class CacheCounts
{
    private static long _hits;
    private static long _misses;
    private static long _stale;
    private static long _revalidated;
    private static long _writeFailures;

    public static long Hits => Volatile.Read(ref _hits);

    public static long Misses => Volatile.Read(ref _misses);

    public static long Stale => Volatile.Read(ref _stale);

    public static long Revalidated => Volatile.Read(ref _revalidated);

    public static long WriteFailures => Volatile.Read(ref _writeFailures);

    public static void Count(CacheEventKind kind)
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
