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

    private long _hits;
    private long _misses;
    private long _stale;
    private long _revalidated;
    private long _writeFailures;
    private IncrementingPollingCounter[]? _counters;
    private EventCounter? _compileTime;
    private EventCounter? _loadTime;

    private CacheEventSource()
        : base(EventSourceSettings.EtwSelfDescribingEventFormat)
    {
    }

    public void Count(CacheEventKind kind)
    {
        switch (kind)
        {
            case CacheEventKind.Hit:
                Interlocked.Increment(ref _hits);
                break;
            case CacheEventKind.Miss:
                Interlocked.Increment(ref _misses);
                break;
            case CacheEventKind.Stale:
                Interlocked.Increment(ref _stale);
                break;
            case CacheEventKind.Revalidated:
                Interlocked.Increment(ref _revalidated);
                break;
            case CacheEventKind.WriteFailed:
                Interlocked.Increment(ref _writeFailures);
                break;
            default:
                break;
        }
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
            Polling("hits", "Cache hits", () => Volatile.Read(ref _hits)),
            Polling("misses", "Cache misses", () => Volatile.Read(ref _misses)),
            Polling("stale", "Stale entries", () => Volatile.Read(ref _stale)),
            Polling("revalidated", "Revalidated entries", () => Volatile.Read(ref _revalidated)),
            Polling("write-failures", "Cache write failures", () => Volatile.Read(ref _writeFailures)),
        ];
        _compileTime = new EventCounter("compile-time", this) { DisplayName = "Compile time", DisplayUnits = "ms" };
        _loadTime = new EventCounter("load-time", this) { DisplayName = "Load time", DisplayUnits = "ms" };
    }

    private IncrementingPollingCounter Polling(string name, string displayName, Func<long> read) =>
        new(name, this, () => read()) { DisplayName = displayName, DisplayRateTimeScale = TimeSpan.FromSeconds(1) };
}
