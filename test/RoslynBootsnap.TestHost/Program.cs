// A host for tests that need a real, separate process: it loads scripts through the cache and prints,
// one per line, every cache event, every result, and on request the assemblies the process loaded.
//
//   RoslynBootsnap.TestHost [--assemblies] [--precompile] [--catch-compile-errors] [--instance] [--wait-for <file>]
//                           [--crash-after-header] <cacheDir> <script.csx>...
//
//   --catch-compile-errors  load through a method that catches ScriptCompilationException, as hosts do,
//                           and print "compile-error: <diagnostic>" per diagnostic
//   --precompile          bring each entry up to date with ScriptCache.Precompile instead of loading it;
//                         prints "precompiled: True|False" per script
//   --wait-for <file>     print "ready", then wait until <file> exists before touching the cache: a start
//                         barrier for tests that start many hosts at once
//   --crash-after-header  the first entry write prints "paused: <temp file>" after its header and then hangs,
//                         so a test can kill the process mid-write
//   --linger              after the scripts ran, wait past the telemetry delay, run the first one again as a
//                         long-lived host would, and print "telemetry: created" once the event source exists
using System.Globalization;
using RoslynBootsnap;
using RoslynBootsnap.Caching;

var listAssemblies = false;
var linger = false;
var precompile = false;
var catchCompileErrors = false;
var instance = false;
string? waitFor = null;
var positional = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--assemblies":
            listAssemblies = true;
            break;
        case "--linger":
            linger = true;
            break;
        case "--precompile":
            precompile = true;
            break;
        case "--catch-compile-errors":
            catchCompileErrors = true;
            break;
        case "--instance":
            instance = true;
            break;
        case "--crash-after-header":
            CacheFile.AfterHeaderWritten = tempPath =>
            {
                Console.WriteLine($"paused: {tempPath}");
                Console.Out.Flush();
                Thread.Sleep(Timeout.Infinite);
            };
            break;
        case "--wait-for" when i + 1 < args.Length:
            waitFor = args[++i];
            break;
        default:
            positional.Add(args[i]);
            break;
    }
}

if (positional.Count < 2 || positional.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
{
    Console.Error.WriteLine(
        "usage: RoslynBootsnap.TestHost [--assemblies] [--precompile] [--catch-compile-errors] [--wait-for <file>] [--crash-after-header] <cacheDir> <script.csx>...");
    return 2;
}

if (waitFor is not null)
{
    Console.WriteLine("ready");
    Console.Out.Flush();
    var deadline = DateTime.UtcNow.AddMinutes(2);
    while (!File.Exists(waitFor))
    {
        if (DateTime.UtcNow > deadline)
        {
            Console.Error.WriteLine($"gave up waiting for {waitFor}");
            return 3;
        }

        Thread.Sleep(2);
    }
}

var options = new ScriptCacheOptions
{
    CacheDirectory = positional[0],
    OnEvent = e => Console.WriteLine($"event: {e.Name}{(e.Step is null ? "" : " " + e.Step)}"),
};

var exitCode = 0;
foreach (var script in positional.Skip(1))
{
    try
    {
        if (precompile)
        {
            Console.WriteLine($"precompiled: {ScriptCache.Precompile(script, options)}");
            continue;
        }

        using var loaded = catchCompileErrors ? LoadCatchingCompileErrors(script, options)
            : instance ? await LoadThroughInstanceAsync(script, options)
            : ScriptCache.Load(script, options);
        if (loaded is null)
        {
            exitCode = 1;
            continue;
        }

        var result = await loaded.RunAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result: {result}"));
    }
    catch (Exception e)
    {
        Console.WriteLine($"error: {e.GetType().Name}: {e.Message}");
        exitCode = 1;
    }
}

if (linger)
{
    Thread.Sleep(RoslynBootsnap.Diagnostics.CacheTelemetry.CreationDelay + TimeSpan.FromMilliseconds(200));
    using (var again = ScriptCache.Load(positional[1], options))
    {
        await again.RunAsync();
    }

    Console.WriteLine($"telemetry: {(WaitForEventSource() ? "created" : "none")}");
}

if (listAssemblies)
{
    foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
    {
        Console.WriteLine($"assembly: {assembly.GetName().Name}");
    }
}

return exitCode;

// A method of its own, so that only this mode names the exception type: the JIT loads the types of a
// method's catch clauses when it compiles the method, so a hit runs it with the type loaded.
static LoadedScript? LoadCatchingCompileErrors(string script, ScriptCacheOptions options)
{
    try
    {
        return ScriptCache.Load(script, options);
    }
    catch (ScriptCompilationException e)
    {
        foreach (var diagnostic in e.Diagnostics)
        {
            Console.WriteLine($"compile-error: {diagnostic}");
        }

        return null;
    }
}

// A method of its own, so that Main names no tracing type: the warm-path tests list what a hit loads.
static bool WaitForEventSource()
{
    // Created on the thread pool: give it time, without making the test depend on how much.
    var deadline = DateTime.UtcNow.AddSeconds(30);
    while (DateTime.UtcNow < deadline)
    {
        if (System.Diagnostics.Tracing.EventSource.GetSources().Any(s => s.Name == RoslynBootsnap.Diagnostics.CacheEventSource.SourceName))
        {
            return true;
        }

        Thread.Sleep(10);
    }

    return false;
}

// A host of the instance API, as the samples are: one cache object, loads awaited.
static async Task<LoadedScript> LoadThroughInstanceAsync(string script, ScriptCacheOptions options) =>
    await new CompiledScriptCache(options).LoadAsync(script);
