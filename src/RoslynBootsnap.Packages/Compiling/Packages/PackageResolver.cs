using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// Resolves the <c>nuget:</c> directives of one compile: <c>#r</c> to the compile assemblies of the package and
/// its dependencies, <c>#load</c> to a script package's script. Remembers everything it resolved, so the entry
/// can load the runtime assets and record each file in its manifest.
/// </summary>
internal sealed class PackageResolver : IReferenceResolution
{
    private readonly string _scriptPath;
    private readonly bool _allowed;
    private readonly Dictionary<string, PackageAssets> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _refused = [];
    private readonly long _resolvedAtTicks = DateTime.UtcNow.Ticks;

    private readonly string? _cacheDirectory;
    private readonly CancellationToken _cancellationToken;

    /// <param name="scriptPath">The script whose directives are resolved.</param>
    /// <param name="allowed">Whether package references are turned on.</param>
    /// <param name="cacheDirectory">The cache dir a restore works in; <see langword="null"/> for the default one.</param>
    /// <param name="cancellationToken">Stops a restore.</param>
    public PackageResolver(string scriptPath, bool allowed, string? cacheDirectory, CancellationToken cancellationToken)
    {
        _scriptPath = scriptPath;
        _allowed = allowed;
        _cacheDirectory = cacheDirectory;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The directives refused because package references are turned off.</summary>
    public IReadOnlyList<string> Refused => _refused;

    /// <summary>Whether any package was resolved.</summary>
    public bool Any => _resolved.Count > 0;

    /// <summary>The compile assemblies of every package resolved, to keep out of the script's private loads.</summary>
    public IEnumerable<string> CompileAssemblies => _resolved.Values.SelectMany(a => a.CompileAssemblies);

    /// <summary>The runtime assemblies and native libraries the script's context loads.</summary>
    public IEnumerable<string> RuntimePaths =>
        _resolved.Values.SelectMany(a => a.RuntimeAssemblies.Concat(a.NativeLibraries)).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The manifest's record of the packages: each compile and runtime assembly and native library, and for each
    /// floating version a refresh marker holding when it was resolved.
    /// </summary>
    public IEnumerable<Dependency> Dependencies()
    {
        foreach (var assembly in _resolved.Values.SelectMany(a => a.CompileAssemblies.Concat(a.RuntimeAssemblies)).Distinct(StringComparer.Ordinal))
        {
            var info = new FileInfo(assembly);
            yield return new Dependency(DependencyKind.Assembly, assembly, info.Length, info.LastWriteTimeUtc.Ticks, FileDigest.OfAssembly(assembly));
        }

        foreach (var library in _resolved.Values.SelectMany(a => a.NativeLibraries).Distinct(StringComparer.Ordinal))
        {
            var info = new FileInfo(library);
            yield return new Dependency(DependencyKind.Source, library, info.Length, info.LastWriteTimeUtc.Ticks, FileDigest.OfFile(library));
        }

        foreach (var directive in _resolved.Keys.Where(d => PackageReference.TryParse(d, out var p) && p.IsFloating).Order(StringComparer.Ordinal))
        {
            yield return new Dependency(DependencyKind.Refresh, directive, 0, _resolvedAtTicks, 0);
        }
    }

    /// <summary>
    /// The compile reference for <c>#r "nuget: ..."</c>: the compiler takes one per directive, so this is the
    /// package's own assembly, and the compiler adds the rest of what it brought in (<see cref="CompileAssemblies"/>).
    /// </summary>
    /// <exception cref="ScriptPackageException">The package cannot be resolved, or holds only native libraries.</exception>
    public IReadOnlyList<string> ResolveReference(string reference)
    {
        if (Resolve(reference) is not { } assets || !PackageReference.TryParse(reference, out var package))
        {
            return [];
        }

        if (assets.NativeOnly.Contains(package.Id))
        {
            throw new ScriptPackageException(_scriptPath, package.Id, package.Version, ScriptPackageFailure.NativeOnly,
                $"Package '{package.Id}' holds only native libraries, no assembly a script can reference: reference the package that uses them, which brings them along.");
        }

        var first = (assets.OwnCompileAssemblies.TryGetValue(package.Id, out var own) ? own : []).Concat(assets.CompileAssemblies).FirstOrDefault();
        return first is null ? [] : [first];
    }

    /// <summary>
    /// Resolves every package <c>#r</c> of the compile's files (the script's and its <c>#load</c>ed files')
    /// together, before the compiler binds them one by one: one graph, as one project's restore makes it, so two
    /// packages that need different versions of a dependency share the version NuGet picks for both.
    /// </summary>
    /// <exception cref="ScriptPackageException">The packages cannot be resolved.</exception>
    public void Prepare(IEnumerable<string> references)
    {
        if (!_allowed)
        {
            return;
        }

        var packages = references
            .Select(d => PackageReference.TryParse(d, out var package) ? package : null)
            .OfType<PackageReference>()
            .Where(p => !_resolved.ContainsKey(p.Directive))
            .DistinctBy(p => p.Directive)
            .ToList();
        if (packages.Count < 2)
        {
            return;
        }

        var assets = ResolveTogether(packages);
        foreach (var package in packages)
        {
            _resolved[package.Directive] = assets;
        }
    }

    /// <summary>The script of a script package for <c>#load "nuget: ..."</c>; <see langword="null"/> when it has none.</summary>
    /// <exception cref="ScriptPackageException">The package cannot be resolved.</exception>
    public string? ResolveScript(string reference)
    {
        if (Resolve(reference) is not { } assets || !PackageReference.TryParse(reference, out var package))
        {
            return null;
        }

        return assets.Scripts.TryGetValue(package.Id, out var script) ? script : null;
    }

    private PackageAssets? Resolve(string reference)
    {
        if (!PackageReference.TryParse(reference, out var package))
        {
            return null;
        }

        if (!_allowed)
        {
            _refused.Add(package.Directive);
            return null;
        }

        if (!_resolved.TryGetValue(package.Directive, out var assets))
        {
            assets = ResolveTogether([package]);
            _resolved[package.Directive] = assets;
        }

        return assets;
    }

    /// <summary>The folder first: a restore of packages it already holds would pick the same versions, slower.</summary>
    private PackageAssets ResolveTogether(IReadOnlyList<PackageReference> packages) =>
        PackageFolderResolution.TryResolve(_scriptPath, packages, _cancellationToken)
            ?? PackageRestore.Restore(_scriptPath, packages, _cacheDirectory, _cancellationToken);
}
