using System.Diagnostics;

namespace RoslynBootsnap.Diagnostics;

/// <summary>The one place the engine reports to: feeds both the event source and the meter.</summary>
internal static class CacheTelemetry
{
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
