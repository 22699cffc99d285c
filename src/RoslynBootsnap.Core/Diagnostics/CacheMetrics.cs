using System.Diagnostics.Metrics;

namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// The process-wide <c>RoslynBootsnap</c> meter, for OpenTelemetry and <c>dotnet-counters</c>: the same figures
/// as the event source, for every cache built without a meter factory of the host's.
/// </summary>
internal static class CacheMetrics
{
    public const string MeterName = CacheInstruments.MeterName;

    // Counts are observed (pulled) from CacheCounts, so the meter can be created after the first loads
    // without losing any; the meter keeps its instruments.
    private static readonly CacheMeter Instruments = CacheInstruments.Create(
        new Meter(MeterName, CacheInstruments.Version),
        static () => CacheCounts.All().Where(c => !c.HasOwnMeter),
        CacheCounts.For(CacheCounts.DefaultName));

    public static void CompileTime(TimeSpan duration, string cacheName) => Instruments.Record(duration, cacheName, compile: true);

    public static void LoadTime(TimeSpan duration, string cacheName) => Instruments.Record(duration, cacheName, compile: false);
}
