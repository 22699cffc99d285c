using System.Runtime.InteropServices;
using NuGet.Frameworks;
using NuGet.ProjectModel;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>Reads what a restore resolved from its assets file, with NuGet's own reader.</summary>
internal static class PackageAssetReader
{
    /// <summary>The placeholder NuGet puts in a folder a package has on purpose left empty.</summary>
    public const string EmptyFolder = "_._";

    public static PackageAssets Read(LockFile lockFile, IReadOnlyList<PackageReference> packages)
    {
        var framework = NuGetFramework.Parse($"net{Environment.Version.Major}.0");
        var target = lockFile.GetTarget(framework, runtimeIdentifier: null)
            ?? throw new InvalidDataException($"The restore resolved nothing for {framework.GetShortFolderName()}.");
        var packageFolder = lockFile.PackageFolders[0].Path;
        var runtimes = RuntimeChain();
        var compile = new List<string>();
        var own = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var runtime = new List<string>();
        var native = new List<string>();
        var scripts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var nativeOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in target.Libraries.Where(l => l.Type == "package"))
        {
            var root = Path.Join(packageFolder, lockFile.GetLibrary(library.Name, library.Version)!.Path);
            var compileAssets = Assets(root, library.CompileTimeAssemblies.Select(a => a.Path)).ToList();
            compile.AddRange(compileAssets);

            // The most specific runtime that has assets of a kind wins, as the host's own resolution does.
            var ridRuntime = Best(library.RuntimeTargets.Where(t => t.AssetType == "runtime"), runtimes);
            runtime.AddRange(Assets(root, ridRuntime.Count > 0 ? ridRuntime : library.RuntimeAssemblies.Select(a => a.Path)));
            var ridNative = Best(library.RuntimeTargets.Where(t => t.AssetType == "native"), runtimes);
            var nativeAssets = Assets(root, ridNative.Count > 0 ? ridNative : library.NativeLibraries.Select(a => a.Path)).ToList();
            native.AddRange(nativeAssets);
            if (packages.Any(p => string.Equals(p.Id, library.Name, StringComparison.OrdinalIgnoreCase)))
            {
                own[library.Name!] = Distinct(compileAssets);
                if (compileAssets.Count == 0 && nativeAssets.Count > 0)
                {
                    nativeOnly.Add(library.Name!);
                }
            }

            if (ScriptOf(root) is { } script)
            {
                scripts[library.Name!] = script;
            }
        }

        return new PackageAssets(own, Distinct(compile), Distinct(runtime), Distinct(native), scripts, nativeOnly);
    }

    /// <summary>A script package's script: <c>contentFiles/csx/any/main.csx</c>, else its only .csx there.</summary>
    public static string? ScriptOf(string root)
    {
        var folder = Path.Join(root, "contentFiles", "csx", "any");
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var main = Path.Join(folder, "main.csx");
        if (File.Exists(main))
        {
            return main;
        }

        var all = Directory.GetFiles(folder, "*.csx");
        return all.Length == 1 ? all[0] : null;
    }

    private static List<string> Best(IEnumerable<LockFileRuntimeTarget> targets, IReadOnlyList<string> runtimes)
    {
        var byRuntime = targets.GroupBy(t => t.Runtime, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Select(t => t.Path).ToList(), StringComparer.OrdinalIgnoreCase);
        foreach (var rid in runtimes)
        {
            if (byRuntime.TryGetValue(rid, out var paths))
            {
                return paths;
            }
        }

        return [];
    }

    /// <summary>This process's runtime identifier and the ones it falls back to.</summary>
    public static string[] RuntimeChain()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var dash = rid.IndexOf('-', StringComparison.Ordinal);
        var os = dash < 0 ? rid : rid[..dash];
        return OperatingSystem.IsWindows() ? [rid, os, "win", "any"] : [rid, os, "unix", "any"];
    }

    private static IEnumerable<string> Assets(string root, IEnumerable<string> relative) =>
        relative
            .Where(p => !p.EndsWith(EmptyFolder, StringComparison.Ordinal))
            .Select(p => Path.GetFullPath(Path.Join(root, p)));

    private static string[] Distinct(List<string> paths) => [.. paths.Distinct(StringComparer.Ordinal)];
}
