using NuGet.DependencyResolver;
using NuGet.Frameworks;
using NuGet.LibraryModel;
using NuGet.Versioning;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>The root of NuGet's dependency walk: a project that references the script's packages.</summary>
internal sealed class ScriptProjectProvider : IDependencyProvider
{
    private const string Name = "script";

    private readonly IReadOnlyList<LibraryDependency> _dependencies;

    public ScriptProjectProvider(IReadOnlyList<PackageReference> packages)
    {
        _dependencies = [.. packages
            .DistinctBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .Select(p => new LibraryDependency
            {
                LibraryRange = new LibraryRange(p.Id, VersionRange.Parse(p.Version ?? "*"), LibraryDependencyTarget.Package),
            })];
    }

    /// <summary>The range that names the project, the walk's starting point.</summary>
    public static LibraryRange Root { get; } = new(Name, VersionRange.Parse("1.0.0"), LibraryDependencyTarget.Project);

    public bool SupportsType(LibraryDependencyTarget libraryTypeFlag) => (libraryTypeFlag & LibraryDependencyTarget.Project) != 0;

    public Library? GetLibrary(LibraryRange libraryRange, NuGetFramework targetFramework) =>
        string.Equals(libraryRange.Name, Name, StringComparison.OrdinalIgnoreCase)
            ? new Library
            {
                LibraryRange = libraryRange,
                Identity = new LibraryIdentity(Name, new NuGetVersion(1, 0, 0), LibraryType.Project),
                Dependencies = _dependencies,
                Resolved = true,
            }
            : null;

    public Library? GetLibrary(LibraryRange libraryRange, NuGetFramework targetFramework, string? rootPath) => GetLibrary(libraryRange, targetFramework);
}
