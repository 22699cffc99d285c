using System.Diagnostics.Metrics;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Composition;
using RoslynBootsnap.Diagnostics;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Diagnostics;

public sealed class CacheMetricsTests
{
    [Test]
    public void Instruments_MissHitTouchEditAndWriteFailure_ReadBackThroughMeterListener()
    {
        using var temp = new TempDirectory();
        var source = temp.Write("a.csx", "hello");
        var measurements = new List<(string Name, string? Unit, double Value, string? Cache)>();

        // Observable counters report running totals, one per cache name: the last value seen per counter of the
        // caches that name none.
        Dictionary<string, double> Totals()
        {
            lock (measurements)
            {
                return measurements.Where(m => m.Name.StartsWith("roslyn_bootsnap.cache.", StringComparison.Ordinal) && m.Cache == "default")
                    .GroupBy(m => m.Name)
                    .ToDictionary(g => g.Key, g => g.Last().Value);
            }
        }

        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CacheMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => { lock (measurements) { measurements.Add((i.Name, i.Unit, v, CacheName(tags))); } });
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => { lock (measurements) { measurements.Add((i.Name, i.Unit, v, CacheName(tags))); } });
        CacheTelemetry.EnsureCreated();
        listener.Start();
        listener.RecordObservableInstruments();
        var before = Totals();
        measurements.Clear();

        var cache = ScriptCacheBuilder.Compose(temp.CacheDirectory, new TestHandler(), EngineSettings.Default);
        cache.Fetch(source);
        cache.Fetch(source);
        FileTimes.Touch(source);
        cache.Fetch(source);
        FileTimes.Rewrite(source, "hello, again");
        cache.Fetch(source);
        File.WriteAllText(temp.Combine("blocked"), "a file where the cache dir should be");
        ScriptCacheBuilder.Compose(temp.Combine("blocked"), new TestHandler(), EngineSettings.Default).Fetch(source);

        listener.RecordObservableInstruments();
        var after = Totals();
        double Delta(string name) => after[name] - before[name];
        Assert.That(Delta("roslyn_bootsnap.cache.misses"), Is.EqualTo(2));
        Assert.That(Delta("roslyn_bootsnap.cache.hits"), Is.EqualTo(1));
        Assert.That(Delta("roslyn_bootsnap.cache.revalidated"), Is.EqualTo(1));
        Assert.That(Delta("roslyn_bootsnap.cache.stale"), Is.EqualTo(1));
        Assert.That(Delta("roslyn_bootsnap.cache.write_failures"), Is.EqualTo(1));
        Assert.That(after.Keys.Count(k => k.StartsWith("roslyn_bootsnap.cache.", StringComparison.Ordinal)), Is.EqualTo(5));
        Assert.That(measurements.Count(m => m.Name == "roslyn_bootsnap.compile.duration"), Is.EqualTo(3));
        Assert.That(measurements.Count(m => m.Name == "roslyn_bootsnap.load.duration"), Is.GreaterThanOrEqualTo(4));
        Assert.That(measurements.Where(m => m.Name.EndsWith(".duration", StringComparison.Ordinal)).Select(m => m.Unit), Is.All.EqualTo("s"));
    }

    [Test]
    public void Instruments_NamedCache_CountedUnderItsNameAndInTheEventSourcesTotal()
    {
        using var temp = new TempDirectory();
        var source = temp.Write("named.csx", "1");
        var name = "plugins-" + Guid.NewGuid().ToString("N");
        var hits = new List<(long Value, string? Cache)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CacheMetrics.MeterName && instrument.Name == "roslyn_bootsnap.cache.hits")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, v, tags, _) => { lock (hits) { hits.Add((v, CacheName(tags))); } });
        CacheTelemetry.EnsureCreated();
        listener.Start();
        var totalBefore = CacheCounts.Sum(c => c.Hits);

        var options = new ScriptCacheOptions { CacheDirectory = temp.CacheDirectory, Name = name };
        ScriptCache.Load(source, options).Dispose();
        ScriptCache.Load(source, options).Dispose();
        ScriptCache.Load(source, options).Dispose();
        listener.RecordObservableInstruments();

        Assert.That(hits.Where(h => h.Cache == name).Select(h => h.Value), Is.EqualTo(new[] { 2L }));
        Assert.That(CacheCounts.Sum(c => c.Hits) - totalBefore, Is.GreaterThanOrEqualTo(2), "the event source's total includes it");
        Assert.That(() => new ScriptCacheOptions { Name = " " }, Throws.ArgumentException);
    }

    private static string? CacheName(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == CacheInstruments.CacheNameTag)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
