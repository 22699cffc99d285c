using System.Diagnostics.Metrics;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching.Remote;

/// <summary>Remote hits, misses and failures reach the host's meter as counters of their own.</summary>
public sealed partial class TieredEntryStoreTests
{
    [Test]
    [Category("Process")]
    public void Load_WithMeterFactory_CountsRemoteHitsMissesAndFailures()
    {
        _redis = RedisServer.Start();
        var script = _temp.Write("a/app/x.csx", "1");
        _temp.Write("b/app/x.csx", "1");
        using var meters = new TestMeterFactory();
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => totals[i.Name] = totals.GetValueOrDefault(i.Name) + v);
        listener.Start();
        ScriptCacheOptions At(string name, string? key = Key) => new()
        {
            CacheDirectory = _temp.Combine(name, "cache"),
            Fleet = { BaseDirectory = _temp.Combine(name, "app"), Remote = _redis.Url, RemoteKey = key },
        };

        new CompiledScriptCache(At("a"), loggerFactory: null, meters).Load(script).Dispose();
        new CompiledScriptCache(At("b"), loggerFactory: null, meters).Load(_temp.Combine("b", "app", "x.csx")).Dispose();
        new CompiledScriptCache(At("c", key: null), loggerFactory: null, meters).Load(_temp.Write("c/app/y.csx", "2")).Dispose();
        listener.RecordObservableInstruments();

        Assert.That(totals["roslyn_bootsnap.remote.hits"], Is.EqualTo(1));
        Assert.That(totals["roslyn_bootsnap.remote.misses"], Is.EqualTo(1));
        Assert.That(totals["roslyn_bootsnap.remote.failures"], Is.EqualTo(1));
    }
}
