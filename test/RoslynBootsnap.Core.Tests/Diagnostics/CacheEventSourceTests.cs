using System.Diagnostics.Tracing;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Composition;
using RoslynBootsnap.Diagnostics;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Diagnostics;

public sealed class CacheEventSourceTests
{
    [Test]
    public void Counters_HitsAndMisses_ReadBackThroughEventListener()
    {
        using var temp = new TempDirectory();
        CacheTelemetry.EnsureCreated();
        using var listener = new CounterListener();
        var cache = ScriptCacheBuilder.Compose(temp.CacheDirectory, new TestHandler(), EngineSettings.Default);
        listener.WaitFor(() => listener.Names.Contains("hits"));

        for (var i = 0; i < 3; i++)
        {
            var source = temp.Write($"s{i}.csx", "x");
            cache.Fetch(source);
            cache.Fetch(source);
            cache.Fetch(source);
        }

        listener.WaitFor(() => listener.Total("hits") >= 6 && listener.Total("misses") >= 3);

        Assert.That(listener.Total("hits"), Is.EqualTo(6));
        Assert.That(listener.Total("misses"), Is.EqualTo(3));
        Assert.That(listener.Names, Is.SupersetOf(new[] { "hits", "misses", "stale", "revalidated", "write-failures", "compile-time", "load-time" }));
        Assert.That(CacheEventSource.Log.Name, Is.EqualTo("RoslynBootsnap"));
    }

    /// <summary>Listens to the counters and sums the increments each interval reports.</summary>
    private sealed class CounterListener : EventListener
    {
        private readonly Dictionary<string, double> _totals = [];

        public HashSet<string> Names
        {
            get
            {
                lock (_totals)
                {
                    return [.. _totals.Keys];
                }
            }
        }

        public double Total(string name)
        {
            lock (_totals)
            {
                return _totals.GetValueOrDefault(name);
            }
        }

        /// <summary>Waits for the periodic counter payloads; the deadline only guards against a hang.</summary>
        public void WaitFor(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (!condition())
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the counters never reported");
                Thread.Sleep(50);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == CacheEventSource.SourceName)
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All, new Dictionary<string, string?> { ["EventCounterIntervalSec"] = "0.1" });
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName != "EventCounters" || eventData.Payload?[0] is not IDictionary<string, object> payload)
            {
                return;
            }

            var name = (string)payload["Name"];
            var value = payload.TryGetValue("Increment", out var increment) ? Convert.ToDouble(increment) : 0;
            lock (_totals)
            {
                _totals[name] = _totals.GetValueOrDefault(name) + value;
            }
        }
    }
}
