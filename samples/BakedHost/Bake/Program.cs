using BakedHost;
using RoslynBootsnap;

// The bake step: compiles the published app's scripts into its cache with the host's own options. It runs at
// publish time, with the full library; the host it bakes for references the core alone.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Bake <published app dir>");
    return 2;
}

var app = Path.GetFullPath(args[0]);
var options = BakedScripts.Options(app, CacheMode.ReadWrite);
foreach (var path in BakedScripts.In(app))
{
    ScriptCache.Precompile(path, options);
    Console.WriteLine($"baked {Path.GetRelativePath(app, path)}");
}

return 0;
