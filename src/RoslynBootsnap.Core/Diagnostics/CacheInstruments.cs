using System.Diagnostics.Metrics;

namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// The <c>RoslynBootsnap</c> instruments, named with dots and with units, for the process-wide meter and for a
/// meter from a host's factory alike. Every measurement carries the cache's name as
/// <c>roslyn_bootsnap.cache.name</c>. Durations are in seconds, as .NET's metric conventions ask.
/// </summary>
internal static class CacheInstruments
{
    public const string MeterName = "RoslynBootsnap";

    /// <summary>The tag that names the cache a measurement is about.</summary>
    public const string CacheNameTag = "roslyn_bootsnap.cache.name";

    public static string? Version => typeof(CacheInstruments).Assembly.GetName().Version?.ToString();

    /// <summary>A meter of the host's factory, with instruments that report one cache's own counts.</summary>
    public static CacheMeter Create(IMeterFactory meterFactory, string? cacheName)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(new MeterOptions(MeterName) { Version = Version });
        var counts = CacheCounts.WithOwnMeter(cacheName);
        return Create(meter, () => [counts], counts);
    }

    /// <summary>
    /// Creates the instruments on a meter. Counts are observed (pulled) from <paramref name="source"/>, one
    /// measurement per cache; the recorders of the returned meter tag durations with the cache's name.
    /// </summary>
    public static CacheMeter Create(Meter meter, Func<IEnumerable<CacheCounts>> source, CacheCounts counts)
    {
        Counter(meter, source, "roslyn_bootsnap.cache.hits", c => c.Hits, "{hit}", "Loads served from the cache");
        Counter(meter, source, "roslyn_bootsnap.cache.misses", c => c.Misses, "{miss}", "Loads that found no entry");
        Counter(meter, source, "roslyn_bootsnap.cache.stale", c => c.Stale, "{entry}", "Entries found out of date and recompiled");
        Counter(meter, source, "roslyn_bootsnap.cache.revalidated", c => c.Revalidated, "{entry}", "Entries kept after a timestamp change with unchanged content");
        Counter(meter, source, "roslyn_bootsnap.cache.write_failures", c => c.WriteFailures, "{failure}", "Entries that could not be written");
        Counter(meter, source, "roslyn_bootsnap.remote.hits", c => c.RemoteHits, "{hit}", "Local misses served from the remote tier");
        Counter(meter, source, "roslyn_bootsnap.remote.misses", c => c.RemoteMisses, "{miss}", "Local misses the remote tier could not serve");
        Counter(meter, source, "roslyn_bootsnap.remote.failures", c => c.RemoteFailures, "{failure}", "Remote operations that failed or values that were refused");
        var compile = meter.CreateHistogram<double>("roslyn_bootsnap.compile.duration", "s", "Time to compile a script");
        var load = meter.CreateHistogram<double>("roslyn_bootsnap.load.duration", "s", "Time to load a cached script");
        return new CacheMeter(
            counts,
            (d, name) => compile.Record(d.TotalSeconds, new KeyValuePair<string, object?>(CacheNameTag, name)),
            (d, name) => load.Record(d.TotalSeconds, new KeyValuePair<string, object?>(CacheNameTag, name)));
    }

    private static void Counter(Meter meter, Func<IEnumerable<CacheCounts>> source, string name, Func<CacheCounts, long> read, string unit, string description) =>
        meter.CreateObservableCounter(
            name,
            () => source().Select(c => new Measurement<long>(read(c), new KeyValuePair<string, object?>(CacheNameTag, c.Name))),
            unit,
            description);
}
