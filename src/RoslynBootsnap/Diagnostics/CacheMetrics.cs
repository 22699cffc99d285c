using System.Diagnostics.Metrics;

namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// The <c>RoslynBootsnap</c> meter, for OpenTelemetry and <c>dotnet-counters</c>: the same figures as the
/// event source, named with dots and with units.
/// </summary>
internal static class CacheMetrics
{
    public const string MeterName = "RoslynBootsnap";

    private static readonly Meter Meter = new(MeterName, typeof(CacheMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Hits = Meter.CreateCounter<long>("roslyn_bootsnap.cache.hits", "{hit}", "Loads served from the cache");

    private static readonly Counter<long> Misses = Meter.CreateCounter<long>("roslyn_bootsnap.cache.misses", "{miss}", "Loads that found no entry");

    private static readonly Counter<long> Stale = Meter.CreateCounter<long>("roslyn_bootsnap.cache.stale", "{entry}", "Entries found out of date and recompiled");

    private static readonly Counter<long> Revalidated = Meter.CreateCounter<long>("roslyn_bootsnap.cache.revalidated", "{entry}", "Entries kept after a timestamp change with unchanged content");

    private static readonly Counter<long> WriteFailures = Meter.CreateCounter<long>("roslyn_bootsnap.cache.write_failures", "{failure}", "Entries that could not be written");

    private static readonly Histogram<double> CompileDuration = Meter.CreateHistogram<double>("roslyn_bootsnap.compile.duration", "ms", "Time to compile a script");

    private static readonly Histogram<double> LoadDuration = Meter.CreateHistogram<double>("roslyn_bootsnap.load.duration", "ms", "Time to load a cached script");

    public static void Count(CacheEventKind kind)
    {
        var counter = kind switch
        {
            CacheEventKind.Hit => Hits,
            CacheEventKind.Miss => Misses,
            CacheEventKind.Stale => Stale,
            CacheEventKind.Revalidated => Revalidated,
            CacheEventKind.WriteFailed => WriteFailures,
            _ => null,
        };
        counter?.Add(1);
    }

    public static void CompileTime(double milliseconds) => CompileDuration.Record(milliseconds);

    public static void LoadTime(double milliseconds) => LoadDuration.Record(milliseconds);
}
