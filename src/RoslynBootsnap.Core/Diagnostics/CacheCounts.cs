namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// Running totals of one named cache's events, and the registry of all of them: the one source the event source
/// (their sum) and the meters (each tagged with its cache's name) read when they are observed, so no count is lost
/// to a listener that attaches late. A hit only increments counts.
/// </summary>
/// <remarks>A plain list and dictionary under a lock: concurrent collections would be one more assembly for every warm start.</remarks>
internal sealed class CacheCounts
{
    /// <summary>The name of a cache whose options name none.</summary>
    public const string DefaultName = "default";

    private static readonly List<CacheCounts> Registered = [];
    private static readonly Dictionary<string, CacheCounts> Shared = new(StringComparer.Ordinal);

    private long _hits;
    private long _misses;
    private long _stale;
    private long _revalidated;
    private long _writeFailures;
    private long _remoteHits;
    private long _remoteMisses;
    private long _remoteFailures;

    private CacheCounts(string name, bool hasOwnMeter)
    {
        Name = name;
        HasOwnMeter = hasOwnMeter;
    }

    /// <summary>The cache's name, the tag of its measurements.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether a meter of the host's own reports these counts; the process-wide meter then leaves them out, so that
    /// a listener of both counts nothing twice.
    /// </summary>
    public bool HasOwnMeter { get; }

    /// <summary>The counts every cache of that name without a meter of its own shares.</summary>
    public static CacheCounts For(string? name)
    {
        name ??= DefaultName;
        lock (Registered)
        {
            if (!Shared.TryGetValue(name, out var counts))
            {
                counts = new CacheCounts(name, hasOwnMeter: false);
                Shared.Add(name, counts);
                Registered.Add(counts);
            }

            return counts;
        }
    }

    /// <summary>Counts of a cache with a meter of its own, registered so that the event source still sees them.</summary>
    public static CacheCounts WithOwnMeter(string? name)
    {
        var counts = new CacheCounts(name ?? DefaultName, hasOwnMeter: true);
        lock (Registered)
        {
            Registered.Add(counts);
        }

        return counts;
    }

    /// <summary>Every registered count, as it is now.</summary>
    public static CacheCounts[] All()
    {
        lock (Registered)
        {
            return [.. Registered];
        }
    }

    /// <summary>A total over every cache in the process.</summary>
    public static long Sum(Func<CacheCounts, long> read)
    {
        long total = 0;
        foreach (var counts in All())
        {
            total += read(counts);
        }

        return total;
    }

    public long Hits => Volatile.Read(ref _hits);

    public long Misses => Volatile.Read(ref _misses);

    public long Stale => Volatile.Read(ref _stale);

    public long Revalidated => Volatile.Read(ref _revalidated);

    public long WriteFailures => Volatile.Read(ref _writeFailures);

    public long RemoteHits => Volatile.Read(ref _remoteHits);

    public long RemoteMisses => Volatile.Read(ref _remoteMisses);

    public long RemoteFailures => Volatile.Read(ref _remoteFailures);

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
            case CacheEventKind.RemoteHit:
                Interlocked.Increment(ref _remoteHits);
                break;
            case CacheEventKind.RemoteMiss:
                Interlocked.Increment(ref _remoteMisses);
                break;
            case CacheEventKind.RemoteFailed:
                Interlocked.Increment(ref _remoteFailures);
                break;
            default:
                break;
        }
    }
}
