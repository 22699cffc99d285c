using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RoslynBootsnap.Diagnostics;

/// <summary>The one place the engine reports to: feeds both the event source and the meter.</summary>
internal static class CacheTelemetry
{
    private static int _prepared;
    private static volatile bool _ready;

    /// <summary>How long after the first load the event source and the meter are created.</summary>
    public static readonly TimeSpan CreationDelay = TimeSpan.FromSeconds(1);

    private static Timer? _creation;

    /// <summary>
    /// Schedules the event source and the meter, once per process, for <see cref="CreationDelay"/> after the
    /// first load. Creating them (an EventPipe provider, DiagnosticSource, a meter and its instruments) cost a
    /// warm start about 10 ms on two cores even from a pool thread, so a short-lived process such as one
    /// <c>roslyn-bootsnap run</c> never pays for it, while a long-lived host has them by the time anyone
    /// attaches <c>dotnet-counters</c>. No count is lost: the instruments read <see cref="CacheCounts"/>.
    /// </summary>
    public static void PrepareInBackground()
    {
        if (Interlocked.Exchange(ref _prepared, 1) == 0)
        {
            _creation = new Timer(static _ => EnsureCreated(), null, CreationDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Creates the event source and the meter now, on this thread.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void EnsureCreated()
    {
        _ = CacheEventSource.Log;
        RuntimeHelpers.RunClassConstructor(typeof(CacheMetrics).TypeHandle);
        _ready = true;
        Interlocked.Exchange(ref _creation, null)?.Dispose();
    }

    /// <summary>Counts an event: one interlocked increment, never a wait for the telemetry objects.</summary>
    public static void Count(CacheEventKind kind) => CacheCounts.Count(kind);

    public static void Compiled(long startTimestamp)
    {
        // A duration measured before the instruments exist (the first second of a process) is dropped
        // rather than waited for: the hit must not pay for telemetry nobody may be listening to.
        if (_ready)
        {
            RecordCompile(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);
        }
    }

    public static void Loaded(long startTimestamp)
    {
        if (_ready)
        {
            RecordLoad(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);
        }
    }

    // The recorders are separate, never-inlined methods because compiling a method that names the event source
    // or the meter loads System.Diagnostics.Tracing and System.Diagnostics.DiagnosticSource, which the first
    // second of a process is meant not to pay for.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RecordCompile(double milliseconds)
    {
        CacheEventSource.Log.CompileTime(milliseconds);
        CacheMetrics.CompileTime(milliseconds);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RecordLoad(double milliseconds)
    {
        CacheEventSource.Log.LoadTime(milliseconds);
        CacheMetrics.LoadTime(milliseconds);
    }
}
