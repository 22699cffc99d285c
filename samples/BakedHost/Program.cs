using BakedHost;
using RoslynBootsnap;

// This host references RoslynBootsnap.Core alone: no compiler, no NuGet, no Redis ships with it. Its scripts
// were compiled when it was published (see Bake/), so every load is a hit, read-only. A script with no current
// entry cannot be compiled here and says so.
var app = AppContext.BaseDirectory;
var options = BakedScripts.Options(app, CacheMode.ReadOnly);
var scripts = args.Length > 0 ? args.Select(Path.GetFullPath).ToArray() : BakedScripts.In(app);
var exitCode = 0;
foreach (var path in scripts)
{
    try
    {
        using var script = ScriptCache.Load(path, options);
        var result = await script.RunAsync();
        Console.WriteLine($"{Path.GetFileName(path)}: {result}");
    }
    catch (ScriptCompilerUnavailableException e)
    {
        Console.Error.WriteLine($"{Path.GetFileName(path)}: not baked: {e.Message}");
        exitCode = 1;
    }
}

return exitCode;
