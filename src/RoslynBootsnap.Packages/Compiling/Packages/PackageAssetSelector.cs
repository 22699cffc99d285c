using NuGet.Client;
using NuGet.ContentModel;
using NuGet.Frameworks;
using NuGet.LibraryModel;
using NuGet.RuntimeModel;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// Picks a package's assets for this framework with NuGet's own conventions (<see cref="ManagedCodeConventions"/>),
/// as the SDK's restore writes them to its assets file: compile assets from <c>ref/</c> before <c>lib/</c>, runtime
/// assets from <c>lib/</c>, and per runtime identifier those under <c>runtimes/&lt;rid&gt;/</c>, the most specific of
/// this process's runtimes winning as in <see cref="PackageAssetReader"/>.
/// </summary>
internal sealed class PackageAssetSelector
{
    private readonly NuGetFramework _framework;
    private readonly ManagedCodeConventions _conventions = new(new RuntimeGraph());

    public PackageAssetSelector(NuGetFramework framework) => _framework = framework;

    /// <summary>The package's assets, every path full; only the kinds <paramref name="include"/> lets through.</summary>
    public (List<string> Compile, List<string> Runtime, List<string> Native) Select(string packageFolder, LibraryIncludeFlags include)
    {
        var items = new ContentItemCollection();
        items.Load(Files(packageFolder));
        var criteria = _conventions.Criteria.ForFramework(_framework);
        var compile = (include & LibraryIncludeFlags.Compile) != 0
            ? Paths(packageFolder, items.FindBestItemGroup(criteria, _conventions.Patterns.CompileRefAssemblies, _conventions.Patterns.CompileLibAssemblies))
            : [];
        List<string> runtime = [], native = [];
        if ((include & LibraryIncludeFlags.Runtime) != 0)
        {
            runtime = ForRuntime(packageFolder, items, _conventions.Patterns.RuntimeAssemblies);
            if (runtime.Count == 0)
            {
                runtime = Paths(packageFolder, items.FindBestItemGroup(criteria, _conventions.Patterns.RuntimeAssemblies));
            }
        }

        if ((include & LibraryIncludeFlags.Native) != 0)
        {
            native = ForRuntime(packageFolder, items, _conventions.Patterns.NativeLibraries);
        }

        return (compile, runtime, native);
    }

    /// <summary>The assets of the most specific of this process's runtimes that has any of the kind.</summary>
    private List<string> ForRuntime(string packageFolder, ContentItemCollection items, PatternSet patterns)
    {
        foreach (var rid in PackageAssetReader.RuntimeChain())
        {
            var group = items.FindBestItemGroup(_conventions.Criteria.ForFrameworkAndRuntime(_framework, rid), patterns);
            if (group is not null && group.Properties.TryGetValue(ManagedCodeConventions.PropertyNames.RuntimeIdentifier, out var found)
                && string.Equals(found as string, rid, StringComparison.OrdinalIgnoreCase))
            {
                return Paths(packageFolder, group);
            }
        }

        return [];
    }

    private static List<string> Paths(string packageFolder, ContentItemGroup? group) =>
        group is null
            ? []
            : [.. group.Items
                .Select(i => i.Path)
                .Where(p => !p.EndsWith(PackageAssetReader.EmptyFolder, StringComparison.Ordinal))
                .Select(p => Path.GetFullPath(Path.Join(packageFolder, p)))];

    /// <summary>The package's files as NuGet names them, relative with forward slashes.</summary>
    private static IEnumerable<string> Files(string packageFolder) =>
        Directory.EnumerateFiles(packageFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(packageFolder, f).Replace(Path.DirectorySeparatorChar, '/'));
}
