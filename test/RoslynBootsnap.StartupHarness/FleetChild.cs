using System.Globalization;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// One host of the fleet benchmark: <c>fleet-host &lt;cacheDir&gt; &lt;dir&gt;</c> loads and runs every script in the
/// folder, with the base dir, remote and key the environment gives, and prints how many it compiled.
/// </summary>
internal static class FleetChild
{
    public static async Task<int> RunAsync(string cacheDirectory, string directory)
    {
        var compiles = 0;
        var remoteHits = 0;
        var failures = 0;
        var options = new ScriptCacheOptions
        {
            CacheDirectory = cacheDirectory,
            OnEvent = e =>
            {
                compiles += e.Kind is CacheEventKind.Miss or CacheEventKind.Stale ? 1 : 0;
                remoteHits += e.Kind == CacheEventKind.RemoteHit ? 1 : 0;
                failures += e.Kind == CacheEventKind.RemoteFailed ? 1 : 0;
            },
        };
        foreach (var path in Directory.GetFiles(directory, "*.csx").Order(StringComparer.Ordinal))
        {
            using var script = ScriptCache.Load(path, options);
            await script.RunAsync().ConfigureAwait(false);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"compiles {compiles} remote-hits {remoteHits} remote-failures {failures}"));
        return 0;
    }
}
