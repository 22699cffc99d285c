using System.Diagnostics.Metrics;

namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// The <c>RoslynBootsnap</c> meter, for OpenTelemetry and <c>dotnet-counters</c>: the same figures as the
/// event source, named with dots and with units. Durations are in seconds, as .NET's metric conventions ask.
/// </summary>
internal static class CacheMetrics
{
    public const string MeterName = "RoslynBootsnap";

    private static readonly Meter Meter = new(MeterName, typeof(CacheMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Histogram<double> CompileDuration = Meter.CreateHistogram<double>("roslyn_bootsnap.compile.duration", "s", "Time to compile a script");

    private static readonly Histogram<double> LoadDuration = Meter.CreateHistogram<double>("roslyn_bootsnap.load.duration", "s", "Time to load a cached script");

    static CacheMetrics()
    {
        // Counts are observed (pulled) from CacheCounts, so the meter can be created after the first loads
        // without losing any; the meter keeps its instruments.
        Meter.CreateObservableCounter("roslyn_bootsnap.cache.hits", () => CacheCounts.Hits, "{hit}", "Loads served from the cache");
        Meter.CreateObservableCounter("roslyn_bootsnap.cache.misses", () => CacheCounts.Misses, "{miss}", "Loads that found no entry");
        Meter.CreateObservableCounter("roslyn_bootsnap.cache.stale", () => CacheCounts.Stale, "{entry}", "Entries found out of date and recompiled");
        Meter.CreateObservableCounter("roslyn_bootsnap.cache.revalidated", () => CacheCounts.Revalidated, "{entry}", "Entries kept after a timestamp change with unchanged content");
        Meter.CreateObservableCounter("roslyn_bootsnap.cache.write_failures", () => CacheCounts.WriteFailures, "{failure}", "Entries that could not be written");
    }

    public static void CompileTime(TimeSpan duration) => CompileDuration.Record(duration.TotalSeconds);

    public static void LoadTime(TimeSpan duration) => LoadDuration.Record(duration.TotalSeconds);
}
