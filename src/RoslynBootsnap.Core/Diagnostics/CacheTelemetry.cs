using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RoslynBootsnap.Diagnostics;

/// <summary>The one place the engine reports to: feeds both the event source and the meter.</summary>
internal static class CacheTelemetry
{
    private static long _firstTick;
    private static int _scheduled;
    private static volatile bool _ready;

    /// <summary>How long after the first load the event source and the meter may be created.</summary>
    public static readonly TimeSpan CreationDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Called on every load and every run, and costs a timestamp compare. The first call marks the process's
    /// first load; the first call at least <see cref="CreationDelay"/> later queues the creation of the event
    /// source and the meter on the thread pool. Creating them (an EventPipe provider, DiagnosticSource, a meter
    /// and its instruments), and even scheduling that with a timer or a thread, is a large share of a short
    /// process's start, so a short-lived process such as one <c>roslyn-bootsnap run</c> never pays for either,
    /// while a host that keeps loading or running scripts has them a second in. No count is lost: the
    /// instruments read <see cref="CacheCounts"/>, which every event increments from the start.
    /// </summary>
    public static void Tick()
    {
        if (_ready)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var first = Interlocked.CompareExchange(ref _firstTick, now, 0);
        if (first != 0
            && Stopwatch.GetElapsedTime(first, now) >= CreationDelay
            && Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static _ => EnsureCreated(), null);
        }
    }

    /// <summary>Creates the event source and the meter now, on this thread.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void EnsureCreated()
    {
        _ = CacheEventSource.Log;
        RuntimeHelpers.RunClassConstructor(typeof(CacheMetrics).TypeHandle);
        _ready = true;
    }

    /// <summary>
    /// Counts an event in its cache's counts: one interlocked increment, never a wait for the telemetry objects.
    /// The event source sums every cache's; the meters report each, tagged with the cache's name.
    /// </summary>
    public static void Count(CacheEventKind kind, CacheCounts counts) => counts.Count(kind);

    public static void Compiled(long startTimestamp, CacheCounts counts, CacheMeter? meter = null)
    {
        // A duration measured before the instruments exist (the first second of a process) is dropped
        // rather than waited for: the hit must not pay for telemetry nobody may be listening to. A host's
        // own meter exists from the start and gets every one.
        if (_ready)
        {
            RecordCompile(Stopwatch.GetElapsedTime(startTimestamp), counts.Name, toProcessMeter: meter is null);
        }

        meter?.Compiled(Stopwatch.GetElapsedTime(startTimestamp));
    }

    public static void Loaded(long startTimestamp, CacheCounts counts, CacheMeter? meter = null)
    {
        if (_ready)
        {
            RecordLoad(Stopwatch.GetElapsedTime(startTimestamp), counts.Name, toProcessMeter: meter is null);
        }

        meter?.Loaded(Stopwatch.GetElapsedTime(startTimestamp));
    }

    // The recorders are separate, never-inlined methods because compiling a method that names the event source
    // or the meter loads System.Diagnostics.Tracing and System.Diagnostics.DiagnosticSource, which the first
    // second of a process is meant not to pay for.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RecordCompile(TimeSpan duration, string cacheName, bool toProcessMeter)
    {
        CacheEventSource.Log.CompileTime(duration.TotalMilliseconds);
        if (toProcessMeter)
        {
            CacheMetrics.CompileTime(duration, cacheName);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RecordLoad(TimeSpan duration, string cacheName, bool toProcessMeter)
    {
        CacheEventSource.Log.LoadTime(duration.TotalMilliseconds);
        if (toProcessMeter)
        {
            CacheMetrics.LoadTime(duration, cacheName);
        }
    }
}
