using System.Diagnostics.Tracing;

namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// The <c>RoslynBootsnap</c> event source: counters for <c>dotnet-counters monitor --counters RoslynBootsnap</c>.
/// The counters are created only when a listener enables the source, so an unobserved process pays nothing
/// but a few interlocked increments.
/// </summary>
[EventSource(Name = SourceName)]
internal sealed class CacheEventSource : EventSource
{
    public const string SourceName = "RoslynBootsnap";

    public static readonly CacheEventSource Log = new();

    private IncrementingPollingCounter[]? _counters;
    private EventCounter? _compileTime;
    private EventCounter? _loadTime;

    private CacheEventSource()
        : base(EventSourceSettings.EtwSelfDescribingEventFormat)
    {
    }

    public void CompileTime(double milliseconds) => _compileTime?.WriteMetric(milliseconds);

    public void LoadTime(double milliseconds) => _loadTime?.WriteMetric(milliseconds);

    protected override void OnEventCommand(EventCommandEventArgs command)
    {
        if (command.Command != EventCommand.Enable || _counters is not null)
        {
            return;
        }

        _counters =
        [
            Polling("hits", "Cache hits", () => CacheCounts.Sum(c => c.Hits)),
            Polling("misses", "Cache misses", () => CacheCounts.Sum(c => c.Misses)),
            Polling("stale", "Stale entries", () => CacheCounts.Sum(c => c.Stale)),
            Polling("revalidated", "Revalidated entries", () => CacheCounts.Sum(c => c.Revalidated)),
            Polling("write-failures", "Cache write failures", () => CacheCounts.Sum(c => c.WriteFailures)),
            Polling("remote-hits", "Remote hits", () => CacheCounts.Sum(c => c.RemoteHits)),
            Polling("remote-misses", "Remote misses", () => CacheCounts.Sum(c => c.RemoteMisses)),
            Polling("remote-failures", "Remote failures", () => CacheCounts.Sum(c => c.RemoteFailures)),
        ];
        _compileTime = new EventCounter("compile-time", this) { DisplayName = "Compile time", DisplayUnits = "ms" };
        _loadTime = new EventCounter("load-time", this) { DisplayName = "Load time", DisplayUnits = "ms" };
    }

    private IncrementingPollingCounter Polling(string name, string displayName, Func<long> read) =>
        new(name, this, () => read()) { DisplayName = displayName, DisplayRateTimeScale = TimeSpan.FromSeconds(1) };
}
