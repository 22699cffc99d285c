using System.Diagnostics;
using System.Globalization;
using System.Runtime.Loader;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// Loads, runs and unloads one cached script many times in one process, and reports the managed heap and RSS
/// after full collections: a collectible context that leaks shows up as growth between the checkpoints.
/// </summary>
internal static class CyclesChild
{
    /// <summary><c>cycles &lt;cacheDir&gt; &lt;script&gt; &lt;count&gt;</c>; prints one line per checkpoint.</summary>
    public static async Task<int> RunAsync(string cacheDirectory, string script, int count)
    {
        var options = new ScriptCacheOptions { CacheDirectory = cacheDirectory };
        var start = Stopwatch.GetTimestamp();
        for (var i = 1; i <= count; i++)
        {
            using (var loaded = ScriptCache.Load(script, options))
            {
                await loaded.RunAsync().ConfigureAwait(false);
            }

            if (i == 1)
            {
                // The library finishes its one-time start-up work in the background (it creates its event source
                // and meter a second after the first load). Let that happen before counting, so that the
                // checkpoints compare cycles with cycles, not cycles with a one-time allocation.
                await Task.Delay(TimeSpan.FromSeconds(1.5)).ConfigureAwait(false);
                start = Stopwatch.GetTimestamp();
            }

            if (i == 100 || i == count)
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

    /// <summary>Unloading completes over a few collections: the context's finalizer runs, then its memory goes.</summary>
    private static void Settle()
    {
        for (var i = 0; i < 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
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
