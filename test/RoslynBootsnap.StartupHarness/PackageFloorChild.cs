using System.Reflection;
using System.Runtime.Loader;
using RoslynBootsnap.Cli;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// The load floor of a script with packages: the emitted script DLL and the packages' runtime assemblies, loaded
/// straight from their files into one collectible context and run. No cache, no compiler, no NuGet.
/// </summary>
internal static class PackageFloorChild
{
    /// <summary><c>package-floor &lt;script.dll&gt; &lt;assembly&gt;...</c></summary>
    public static async Task<int> RunAsync(string dll, IReadOnlyList<string> assemblies)
    {
        var context = new FloorContext(assemblies);
        var result = await ScriptRun.InvokeAsync(context.LoadFromAssemblyPath(dll), new ScriptGlobals([])).ConfigureAwait(false);
        return result is int code ? code : 0;
    }

    private sealed class FloorContext(IReadOnlyList<string> assemblies) : AssemblyLoadContext("package-floor", isCollectible: true)
    {
        private readonly Dictionary<string, string> _paths = assemblies.ToDictionary(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name is { } name && _paths.TryGetValue(name, out var path) ? LoadFromAssemblyPath(path) : null;
    }
}
