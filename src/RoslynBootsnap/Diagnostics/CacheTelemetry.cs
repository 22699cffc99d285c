using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RoslynBootsnap.Diagnostics;

/// <summary>The one place the engine reports to: feeds both the event source and the meter.</summary>
internal static class CacheTelemetry
{
    private static int _prepared;
    private static volatile bool _ready;

    /// <summary>
    /// Creates the event source and the meter on a pool thread, once per process. Creating them costs several
    /// milliseconds (an EventPipe provider, a meter and its instruments), as much as the rest of a hit; built
    /// beside the lookup instead of inside it, a hit never waits for them: counts go to <see cref="CacheCounts"/>,
    /// which the instruments read when observed.
    /// </summary>
    public static void PrepareInBackground()
    {
        if (Interlocked.Exchange(ref _prepared, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                static _ => EnsureCreated(),
                null);
        }
    }

    /// <summary>Creates the event source and the meter now, on this thread.</summary>
    public static void EnsureCreated()
    {
        _ = CacheEventSource.Log;
        RuntimeHelpers.RunClassConstructor(typeof(CacheMetrics).TypeHandle);
        _ready = true;
    }

    /// <summary>Counts an event: one interlocked increment, never a wait for the telemetry objects.</summary>
    public static void Count(CacheEventKind kind) => CacheCounts.Count(kind);

    public static void Compiled(long startTimestamp)
    {
        // A duration measured before the instruments exist (the first load of a process, typically) is dropped
        // rather than waited for: the hit must not pay for telemetry nobody may be listening to.
        if (_ready)
        {
            var milliseconds = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
            CacheEventSource.Log.CompileTime(milliseconds);
            CacheMetrics.CompileTime(milliseconds);
        }
    }

    public static void Loaded(long startTimestamp)
    {
        if (_ready)
        {
            var milliseconds = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
            CacheEventSource.Log.LoadTime(milliseconds);
            CacheMetrics.LoadTime(milliseconds);
        }
    }
}
