using System.Xml;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.DependencyResolver;
using NuGet.Frameworks;
using NuGet.LibraryModel;
using NuGet.Packaging.Core;
using NuGet.Protocol.Core.Types;
using NuGet.RuntimeModel;
using NuGet.Versioning;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// Resolves package references in process, with NuGet's own dependency walk, when the global packages folder
/// already holds everything: no SDK, no process, no network. It answers only when a restore would pick the very
/// same versions, as NuGet itself takes a package from that folder: every range resolved to its lower bound,
/// nothing floating, no downgrade, conflict or cycle. Otherwise it declines and the SDK restores.
/// </summary>
internal static class PackageFolderResolution
{
    /// <summary>The packages' assets, or <see langword="null"/> when only a restore can resolve them.</summary>
    public static PackageAssets? TryResolve(string scriptPath, IReadOnlyList<PackageReference> packages, CancellationToken cancellationToken)
    {
        if (PackagePruning.Packages is not { } pruned
            || packages.Any(p => !VersionRange.TryParse(p.Version ?? "*", out var range) || !IsExactFromBelow(range)))
        {
            return null;
        }

        try
        {
            var settings = Settings.LoadDefaultSettings(Path.GetDirectoryName(scriptPath));
            var provider = new GlobalPackagesProvider(SettingsUtility.GetGlobalPackagesFolder(settings), pruned);
            using var cache = new SourceCacheContext();
            var context = new RemoteWalkContext(cache, PackageSourceMapping.GetPackageSourceMapping(settings), NullLogger.Instance);
            context.ProjectLibraryProviders.Add(new ScriptProjectProvider(packages));
            context.LocalLibraryProviders.Add(provider);
            var framework = NuGetFramework.Parse($"net{Environment.Version.Major}.0");

            // The walk is asynchronous in form only here; a thread of its own keeps a host's synchronization context out.
            var graph = Task.Run(
                () => new RemoteDependencyWalker(context).WalkAsync(ScriptProjectProvider.Root, framework, runtimeIdentifier: null, RuntimeGraph.Empty, recursive: true),
                cancellationToken).GetAwaiter().GetResult();
            var analysis = graph.Analyze();
            if (analysis.Downgrades.Count > 0 || analysis.VersionConflicts.Count > 0 || analysis.Cycles.Count > 0 || !AllExact(graph))
            {
                return null;
            }

            return Assets(graph, provider, pruned, framework, packages);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or XmlException or PackagingException or FrameworkException or ArgumentException or InvalidOperationException)
        {
            // A package the folder holds but cannot be read, or a graph the walk cannot make sense of: the restore
            // extracts it again or says what is wrong.
            return null;
        }
    }

    /// <summary>Whether NuGet would take the range's lower bound from the folder without asking a source.</summary>
    private static bool IsExactFromBelow(VersionRange range) => !range.IsFloating && range.HasLowerBound && range.IsMinInclusive;

    private static bool AllExact(GraphNode<RemoteResolveResult> graph)
    {
        var exact = true;
        graph.ForEach(node =>
        {
            if (ReferenceEquals(node, graph))
            {
                return;
            }

            var resolved = node.Item?.Key;
            exact &= resolved is not null
                && resolved.Type == LibraryType.Package
                && IsExactFromBelow(node.Key.VersionRange!)
                && resolved.Version == node.Key.VersionRange!.MinVersion;
        });
        return exact;
    }

    private static PackageAssets Assets(GraphNode<RemoteResolveResult> graph, GlobalPackagesProvider provider, IReadOnlyDictionary<string, NuGetVersion> pruned, NuGetFramework framework, IReadOnlyList<PackageReference> packages)
    {
        var include = IncludeFlags(graph);
        var selector = new PackageAssetSelector(framework);
        var own = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        List<string> compile = [], runtime = [], native = [];
        var scripts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var nativeOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var accepted = new List<LibraryIdentity>();
        graph.ForEach(node =>
        {
            if (!ReferenceEquals(node, graph) && node.Disposition == Disposition.Accepted)
            {
                accepted.Add(node.Item!.Key);
            }
        });
        foreach (var package in accepted.DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            var folder = provider.PathOf(package);

            // A package the script names that the framework supplies stays in the graph, but the SDK's restore
            // gives it no assets (NU1510): the framework's copy is the one compiled against and loaded.
            var (compileAssets, runtimeAssets, nativeAssets) = PackagePruning.IsPruned(pruned, package.Name, package.Version)
                ? ([], [], [])
                : selector.Select(folder, include.GetValueOrDefault(package.Name, LibraryIncludeFlags.All));
            compile.AddRange(compileAssets);
            if (packages.Any(p => string.Equals(p.Id, package.Name, StringComparison.OrdinalIgnoreCase)))
            {
                own[package.Name] = Distinct(compileAssets);
                if (compileAssets.Count == 0 && nativeAssets.Count > 0)
                {
                    nativeOnly.Add(package.Name);
                }
            }

            runtime.AddRange(runtimeAssets);
            native.AddRange(nativeAssets);
            if (PackageAssetReader.ScriptOf(folder) is { } script)
            {
                scripts[package.Name] = script;
            }
        }

        return new PackageAssets(own, Distinct(compile), Distinct(runtime), Distinct(native), scripts, nativeOnly);
    }

    /// <summary>
    /// What each package contributes, as NuGet flattens it: along a path, what every dependency on the way lets
    /// through; over all paths, the union.
    /// </summary>
    private static Dictionary<string, LibraryIncludeFlags> IncludeFlags(GraphNode<RemoteResolveResult> graph)
    {
        var flags = new Dictionary<string, LibraryIncludeFlags>(StringComparer.OrdinalIgnoreCase);
        Visit(graph, LibraryIncludeFlags.All);
        return flags;

        void Visit(GraphNode<RemoteResolveResult> parent, LibraryIncludeFlags through)
        {
            foreach (var child in parent.InnerNodes.Where(n => n.Disposition == Disposition.Accepted))
            {
                var edge = parent.Item!.Data.Dependencies
                    .FirstOrDefault(d => string.Equals(d.Name, child.Key.Name, StringComparison.OrdinalIgnoreCase))?.IncludeType ?? LibraryIncludeFlags.All;
                var reaching = through & edge;
                var known = flags.GetValueOrDefault(child.Key.Name, LibraryIncludeFlags.None);
                if ((known | reaching) != known || !flags.ContainsKey(child.Key.Name))
                {
                    flags[child.Key.Name] = known | reaching;
                    Visit(child, reaching);
                }
            }
        }
    }

    private static string[] Distinct(List<string> paths) => [.. paths.Distinct(StringComparer.Ordinal)];
}
