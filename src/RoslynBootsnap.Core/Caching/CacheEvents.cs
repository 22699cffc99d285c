using RoslynBootsnap.Diagnostics;

namespace RoslynBootsnap.Caching;

/// <summary>
/// Where one cache's events and durations go: its counters, its meter when the host gave one, and the host's
/// sink. The engine, its writer and its tiers raise through the same instance, so every event is counted once.
/// </summary>
internal sealed class CacheEvents
{
    private readonly Action<CacheEvent>? _sink;

    public CacheEvents(Action<CacheEvent>? sink, CacheMeter? meter, CacheCounts? counts)
    {
        _sink = sink;
        Meter = meter;
        Counts = meter?.Counts ?? counts ?? CacheCounts.For(CacheCounts.DefaultName);
    }

    public CacheCounts Counts { get; }

    public CacheMeter? Meter { get; }

    public void Raise(CacheEvent? cacheEvent)
    {
        if (cacheEvent is null)
        {
            return;
        }

        CacheTelemetry.Count(cacheEvent.Kind, Counts);
        _sink?.Invoke(cacheEvent);
    }
}
