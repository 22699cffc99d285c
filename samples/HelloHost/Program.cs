// The smallest host: load each script through the cache, run it, and show what the cache did.
using System.Diagnostics;
using System.Reflection;
using RoslynBootsnap;

// The scripts in the source tree, not copies beside the binary, so an edit there is what the next run loads.
var scriptDirectory = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ScriptDirectory").Value!;
var scripts = args.Length > 0
    ? args
    : Directory.GetFiles(scriptDirectory, "*.csx").Order().ToArray();

// One cache for the whole host: it settles its cache dir and mode once, and every load shares them.
var outcome = "?";
var cache = new CompiledScriptCache(new ScriptCacheOptions
{
    OnEvent = e =>
    {
        if (e.Kind is CacheEventKind.Hit or CacheEventKind.Miss or CacheEventKind.Stale or CacheEventKind.Revalidated or CacheEventKind.Uncompilable)
        {
            outcome = e.Name;
        }
        else
        {
            Console.Error.WriteLine($"  cache: {e}");
        }
    },
});

var exitCode = 0;
foreach (var script in scripts)
{
    outcome = "?";
    var clock = Stopwatch.StartNew();
    try
    {
        using var loaded = await cache.LoadAsync(script);
        var loadTime = clock.Elapsed;
        var result = await loaded.RunAsync();
        Console.WriteLine($"{Path.GetFileName(script)}: {outcome} in {loadTime.TotalMilliseconds:F1} ms -> {result ?? "(no result)"}");
    }
    catch (Exception e) when (e is ScriptCompilationException or ScriptSourceException)
    {
        Console.Error.WriteLine(e.Message);
        exitCode = 1;
    }
}

Console.WriteLine($"cache: {ScriptCache.DefaultCacheDirectory}");
return exitCode;
