using System.Diagnostics.Metrics;
using RoslynBootsnap.Caching;
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
        var measurements = new List<(string Name, string? Unit, double Value)>();
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
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => { lock (measurements) { measurements.Add((i.Name, i.Unit, v)); } });
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => { lock (measurements) { measurements.Add((i.Name, i.Unit, v)); } });
        listener.Start();

        var cache = new CompileCache<TestOutput>(temp.CacheDirectory, new TestHandler());
        cache.Fetch(source);
        cache.Fetch(source);
        FileTimes.Touch(source);
        cache.Fetch(source);
        FileTimes.Rewrite(source, "hello, again");
        cache.Fetch(source);
        File.WriteAllText(temp.Combine("blocked"), "a file where the cache dir should be");
        new CompileCache<TestOutput>(temp.Combine("blocked"), new TestHandler()).Fetch(source);

        double Sum(string name) => measurements.Where(m => m.Name == name).Sum(m => m.Value);
        Assert.That(Sum("roslyn_bootsnap.cache.misses"), Is.EqualTo(2));
        Assert.That(Sum("roslyn_bootsnap.cache.hits"), Is.EqualTo(1));
        Assert.That(Sum("roslyn_bootsnap.cache.revalidated"), Is.EqualTo(1));
        Assert.That(Sum("roslyn_bootsnap.cache.stale"), Is.EqualTo(1));
        Assert.That(Sum("roslyn_bootsnap.cache.write_failures"), Is.EqualTo(1));
        Assert.That(measurements.Count(m => m.Name == "roslyn_bootsnap.compile.duration"), Is.EqualTo(3));
        Assert.That(measurements.Count(m => m.Name == "roslyn_bootsnap.load.duration"), Is.GreaterThanOrEqualTo(4));
        Assert.That(measurements.Where(m => m.Name.EndsWith(".duration", StringComparison.Ordinal)).Select(m => m.Unit), Is.All.EqualTo("ms"));
    }
}
