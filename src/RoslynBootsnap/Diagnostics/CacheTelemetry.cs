using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RoslynBootsnap.Diagnostics;

/// <summary>The one place the engine reports to: feeds both the event source and the meter.</summary>
internal static class CacheTelemetry
{
    private static int _prepared;

    /// <summary>
    /// Creates the event source and the meter on a pool thread, once per process. Creating them costs several
    /// milliseconds (an EventPipe provider, a meter and its instruments), as much as the rest of a hit; built
    /// beside the lookup instead of inside it, a hit no longer waits for them. A count that comes first simply
    /// waits for the type initializer, as it would have without this.
    /// </summary>
    public static void PrepareInBackground()
    {
        if (Interlocked.Exchange(ref _prepared, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                static _ =>
                {
                    _ = CacheEventSource.Log;
                    RuntimeHelpers.RunClassConstructor(typeof(CacheMetrics).TypeHandle);
                },
                null);
        }
    }

    public static void Count(CacheEventKind kind)
    {
        CacheEventSource.Log.Count(kind);
        CacheMetrics.Count(kind);
    }

    public static void Compiled(long startTimestamp)
    {
        var milliseconds = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        CacheEventSource.Log.CompileTime(milliseconds);
        CacheMetrics.CompileTime(milliseconds);
    }

    public static void Loaded(long startTimestamp)
    {
        var milliseconds = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        CacheEventSource.Log.LoadTime(milliseconds);
        CacheMetrics.LoadTime(milliseconds);
    }
}
