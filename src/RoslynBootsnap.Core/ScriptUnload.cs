using System.Diagnostics;

namespace RoslynBootsnap;

/// <summary>
/// Watches an unloaded script's load context, so that a host can see whether it was really collected. A
/// context stays alive as long as anything outside it refers to the script's types or objects: an event
/// handler on a host type, an <see cref="AppDomain.ProcessExit"/> handler, a timer or a thread still running.
/// </summary>
public sealed class ScriptUnload
{
    private readonly WeakReference? _context;

    internal ScriptUnload(string path, object? context)
    {
        Path = path;

        // Tracking resurrection, as AssemblyLoadContext's own guidance does: the context is only gone once its
        // finalizer has run.
        _context = context is null ? null : new WeakReference(context, trackResurrection: true);
    }

    /// <summary>The full path of the unloaded script.</summary>
    public string Path { get; }

    /// <summary>Whether the context has been collected, as of now, without forcing a collection.</summary>
    public bool IsCollected => _context is null || !_context.IsAlive;

    /// <summary>
    /// Forces garbage collections until the context has been collected or <paramref name="timeout"/> has
    /// passed. Unloading finishes on the finalizer thread, so it takes more than one collection. Blocks the
    /// calling thread.
    /// </summary>
    /// <param name="timeout">How long to keep trying; <see cref="TimeSpan.Zero"/> tries once.</param>
    /// <returns><see langword="true"/> when the context was collected; <see langword="false"/> when something
    /// still refers to it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    public bool WaitForUnload(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (IsCollected)
            {
                return true;
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (IsCollected)
            {
                return true;
            }

            if (Stopwatch.GetElapsedTime(start) >= timeout)
            {
                return false;
            }

            // Let the finalizer thread and any thread still leaving the script's code move on.
            Thread.Sleep(10);
        }
    }
}
