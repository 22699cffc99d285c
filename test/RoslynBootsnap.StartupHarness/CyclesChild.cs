using System.Diagnostics;
using System.Globalization;
using System.Runtime.Loader;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// Loads, runs and unloads one script many times in one process, and reports the managed heap and RSS after
/// full collections every hundred cycles: a collectible context that leaks shows up as growth from checkpoint
/// to checkpoint. The same
/// loop over the bare DLL (the floor) shows how much of that growth is the runtime's own.
/// </summary>
internal static class CyclesChild
{
    /// <summary>Cycles between two checkpoints.</summary>
    public const int Checkpoint = 100;

    /// <summary><c>cycles &lt;cacheDir&gt; &lt;script&gt; &lt;count&gt;</c>: through the cache; prints one line per checkpoint.</summary>
    public static Task<int> RunAsync(string cacheDirectory, string script, int count)
    {
        var options = new ScriptCacheOptions { CacheDirectory = cacheDirectory };
        return LoopAsync(
            count,
            async () =>
            {
                using var loaded = ScriptCache.Load(script, options);
                await loaded.RunAsync().ConfigureAwait(false);
            },
            TimeSpan.FromSeconds(1.5));
    }

    /// <summary><c>cycles-floor &lt;dll&gt; &lt;count&gt;</c>: the bare DLL, loaded by path into a fresh collectible context each time.</summary>
    public static Task<int> RunFloorAsync(string dll, int count) =>
        LoopAsync(
            count,
            async () =>
            {
                var context = new AssemblyLoadContext("floor", isCollectible: true);
                await ScriptRun.InvokeAsync(context.LoadFromAssemblyPath(dll), null).ConfigureAwait(false);
                context.Unload();
            },
            TimeSpan.Zero);

    private static async Task<int> LoopAsync(int count, Func<Task> cycle, TimeSpan settleAfterFirst)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 1; i <= count; i++)
        {
            await cycle().ConfigureAwait(false);
            if (i == 1)
            {
                // The library creates its event source and meter on the thread pool at the first load a second or
                // more after the first one: wait that second, so that they are made early in the first hundred
                // cycles and the checkpoints compare cycles with cycles, not cycles with a one-time allocation.
                await Task.Delay(settleAfterFirst).ConfigureAwait(false);
                start = Stopwatch.GetTimestamp();
            }

            // A checkpoint every hundred cycles traces the curve, and its full collections keep what the loop has
            // unloaded from piling up for hundreds of cycles, as it would in a host that collects now and then.
            if (i % Checkpoint == 0 || i == count)
            {
                var elapsed = Stopwatch.GetElapsedTime(start);
                Settle();
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"cycles {i} heap {GC.GetTotalMemory(forceFullCollection: true)} rss {ResidentBytes()} ms {elapsed.TotalMilliseconds:F0} contexts {AssemblyLoadContext.All.Count()}"));
                start = Stopwatch.GetTimestamp();
            }
        }

        return 0;
    }

    /// <summary>
    /// Unloading completes over a few collections: the context's finalizer runs, then its memory goes. The last,
    /// aggressive collection also returns the free regions the GC keeps committed for reuse, which otherwise
    /// come and go with its budget of the moment (a few MiB either way) and would hide what the loop retains.
    /// </summary>
    private static void Settle()
    {
        for (var i = 0; i < 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
