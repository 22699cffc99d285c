using NuGet.Common;
using NuGet.Configuration;
using NuGet.DependencyResolver;
using NuGet.Frameworks;
using NuGet.LibraryModel;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// The global packages folder as the only source of NuGet's dependency walk: the versions it holds completely
/// extracted (a <c>.nupkg.metadata</c> marks that, written last), and each one's dependencies from its nuspec,
/// less those the shared framework supplies.
/// </summary>
internal sealed class GlobalPackagesProvider : IRemoteDependencyProvider
{
    private readonly VersionFolderPathResolver _paths;
    private readonly IReadOnlyDictionary<string, NuGetVersion> _pruned;

    public GlobalPackagesProvider(string folder, IReadOnlyDictionary<string, NuGetVersion> pruned)
    {
        _paths = new VersionFolderPathResolver(folder);
        _pruned = pruned;
        Source = new PackageSource(folder);
        SourceRepository = new SourceRepository(Source, Enumerable.Empty<INuGetResourceProvider>());
    }

    public bool IsHttp => false;

    public PackageSource Source { get; }

    public SourceRepository SourceRepository { get; }

    /// <summary>Where a package version is extracted.</summary>
    public string PathOf(LibraryIdentity package) => _paths.GetInstallPath(package.Name, package.Version);

    public Task<IEnumerable<NuGetVersion>?> GetAllVersionsAsync(string id, SourceCacheContext cacheContext, ILogger logger, CancellationToken cancellationToken) =>
        Task.FromResult<IEnumerable<NuGetVersion>?>(Versions(id));

    public Task<LibraryIdentity?> FindLibraryAsync(LibraryRange libraryRange, NuGetFramework targetFramework, SourceCacheContext cacheContext, ILogger logger, CancellationToken cancellationToken)
    {
        var best = libraryRange.VersionRange?.FindBestMatch(Versions(libraryRange.Name));
        return Task.FromResult<LibraryIdentity?>(best is null ? null : new LibraryIdentity(libraryRange.Name, best, LibraryType.Package));
    }

    public Task<LibraryDependencyInfo> GetDependenciesAsync(LibraryIdentity libraryIdentity, NuGetFramework targetFramework, SourceCacheContext cacheContext, ILogger logger, CancellationToken cancellationToken)
    {
        var nuspec = new NuspecReader(_paths.GetManifestFilePath(libraryIdentity.Name, libraryIdentity.Version));
        var group = NuGetFrameworkUtility.GetNearest(nuspec.GetDependencyGroups(), targetFramework, g => g.TargetFramework);
        var dependencies = (group?.Packages ?? [])
            .Where(d => !PackagePruning.IsPruned(_pruned, d.Id, d.VersionRange.MinVersion))
            .Select(Dependency)
            .ToList();

        // The identity as the package spells it, which is what the SDK's restore records.
        var identity = new LibraryIdentity(nuspec.GetId(), libraryIdentity.Version, LibraryType.Package);
        return Task.FromResult(LibraryDependencyInfo.Create(identity, targetFramework, dependencies));
    }

    public Task<IPackageDownloader> GetPackageDownloaderAsync(PackageIdentity packageIdentity, SourceCacheContext cacheContext, ILogger logger, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The global packages folder is read in place; nothing is downloaded.");

    /// <summary>As NuGet reads a nuspec dependency: every asset but what it excludes, or only what it includes.</summary>
    private static LibraryDependency Dependency(PackageDependency dependency)
    {
        var include = dependency.Include.Count > 0 ? LibraryIncludeFlagUtils.GetFlags(dependency.Include) : LibraryIncludeFlags.All;
        if (dependency.Exclude.Count > 0)
        {
            include &= ~LibraryIncludeFlagUtils.GetFlags(dependency.Exclude);
        }

        return new LibraryDependency
        {
            LibraryRange = new LibraryRange(dependency.Id, dependency.VersionRange, LibraryDependencyTarget.Package),
            IncludeType = include,
        };
    }

    private List<NuGetVersion> Versions(string id)
    {
        var root = _paths.GetVersionListPath(id);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var versions = new List<NuGetVersion>();
        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            if (NuGetVersion.TryParse(Path.GetFileName(directory), out var version) && File.Exists(_paths.GetNupkgMetadataPath(id, version)))
            {
                versions.Add(version);
            }
        }

        return versions;
    }
}
