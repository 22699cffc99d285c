using System.Globalization;

namespace RoslynBootsnap.StartupHarness;

/// <summary>A host that loads a folder of scripts through the cache and keeps them loaded, as a plugin host does.</summary>
internal static class HostChild
{
    /// <summary>
    /// <c>host &lt;cacheDir&gt; &lt;Full|Fast&gt; &lt;dir&gt; [--expect-hits]</c>. With <c>--expect-hits</c> anything but a
    /// hit fails the run (exit 3), so a warm measurement can never quietly measure compiles.
    /// </summary>
    public static async Task<int> RunAsync(string cacheDirectory, string validation, string directory, bool expectHits)
    {
        var misses = 0;
        var options = new ScriptCacheOptions
        {
            CacheDirectory = cacheDirectory,
            // Not Enum.Parse: its generic code is JIT work the floor does not do, and this measures the cache.
            Trust = { Validation = validation == nameof(ValidationMode.Fast) ? ValidationMode.Fast : ValidationMode.Full },
            OnEvent = e => misses += e.Kind == CacheEventKind.Hit ? 0 : 1,
        };
        var loaded = new List<LoadedScript>();
        foreach (var path in NaiveChild.Scripts(directory))
        {
            var script = ScriptCache.Load(path, options);
            await script.RunAsync().ConfigureAwait(false);
            loaded.Add(script);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{loaded.Count} loaded, {misses} not hits"));
        return expectHits && misses > 0 ? 3 : 0;
    }
}
