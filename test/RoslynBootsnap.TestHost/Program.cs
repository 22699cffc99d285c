// A host for tests that need a real, separate process: it loads scripts through the cache and prints,
// one per line, every cache event, every result, and on request the assemblies the process loaded.
//
//   RoslynBootsnap.TestHost [--assemblies] <cacheDir> <script.csx>...
using System.Globalization;
using RoslynBootsnap;

var listAssemblies = args.Contains("--assemblies");
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
if (positional.Length < 2)
{
    Console.Error.WriteLine("usage: RoslynBootsnap.TestHost [--assemblies] <cacheDir> <script.csx>...");
    return 2;
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
        using var loaded = ScriptCache.Load(script, options);
        var result = await loaded.RunAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result: {result}"));
    }
    catch (Exception e)
    {
        Console.WriteLine($"error: {e.GetType().Name}: {e.Message}");
        exitCode = 1;
    }
}

if (listAssemblies)
{
    foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
    {
        Console.WriteLine($"assembly: {assembly.GetName().Name}");
    }
}

return exitCode;
