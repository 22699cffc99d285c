using System.Diagnostics.Metrics;

namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// The <c>RoslynBootsnap</c> instruments, named with dots and with units, for the process-wide meter and for a
/// meter from a host's factory alike. Durations are in seconds, as .NET's metric conventions ask.
/// </summary>
internal static class CacheInstruments
{
    public const string MeterName = "RoslynBootsnap";

    public static string? Version => typeof(CacheInstruments).Assembly.GetName().Version?.ToString();

    /// <summary>A meter of the host's factory, with instruments that report one cache's own counts.</summary>
    public static CacheMeter Create(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(new MeterOptions(MeterName) { Version = Version });
        return Create(meter, new CacheCounts());
    }

    /// <summary>Creates the instruments on a meter; counts are observed (pulled) from <paramref name="counts"/>.</summary>
    public static CacheMeter Create(Meter meter, CacheCounts counts)
    {
        meter.CreateObservableCounter("roslyn_bootsnap.cache.hits", () => counts.Hits, "{hit}", "Loads served from the cache");
        meter.CreateObservableCounter("roslyn_bootsnap.cache.misses", () => counts.Misses, "{miss}", "Loads that found no entry");
        meter.CreateObservableCounter("roslyn_bootsnap.cache.stale", () => counts.Stale, "{entry}", "Entries found out of date and recompiled");
        meter.CreateObservableCounter("roslyn_bootsnap.cache.revalidated", () => counts.Revalidated, "{entry}", "Entries kept after a timestamp change with unchanged content");
        meter.CreateObservableCounter("roslyn_bootsnap.cache.write_failures", () => counts.WriteFailures, "{failure}", "Entries that could not be written");
        var compile = meter.CreateHistogram<double>("roslyn_bootsnap.compile.duration", "s", "Time to compile a script");
        var load = meter.CreateHistogram<double>("roslyn_bootsnap.load.duration", "s", "Time to load a cached script");
        return new CacheMeter(counts, d => compile.Record(d.TotalSeconds), d => load.Record(d.TotalSeconds));
    }
}
