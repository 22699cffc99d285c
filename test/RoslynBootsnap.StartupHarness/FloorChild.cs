using System.Globalization;
using System.Runtime.Loader;
using RoslynBootsnap.Cli;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// The load floor: no cache and no compiler, only the emitted script DLLs, each loaded straight from its file
/// into its own collectible context and run. What a precompiled plugin costs to start.
/// </summary>
internal static class FloorChild
{
    /// <summary><c>floor &lt;dir&gt; [--cli-globals]</c>: runs every DLL in the dir, in name order.</summary>
    public static async Task<int> RunAsync(string directory, bool cliGlobals)
    {
        var exitCode = 0;
        var loaded = 0;
        foreach (var path in Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal))
        {
            var context = new AssemblyLoadContext(Path.GetFileName(path), isCollectible: true);
            var assembly = context.LoadFromAssemblyPath(path);
            loaded++;

            // Scripts run by the command line were compiled against its globals type.
            var result = await ScriptRun.InvokeAsync(assembly, cliGlobals ? new ScriptGlobals([]) : null).ConfigureAwait(false);
            if (cliGlobals && result is int code)
            {
                exitCode = code;
            }
        }

        // The line the host prints, so that both pay for the console alike.
        if (!cliGlobals)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{loaded} loaded"));
        }

        return exitCode;
    }
}
