using NuGet.Common;
using NuGet.Frameworks;
using NuGet.LibraryModel;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using RoslynBootsnap.Compiling.Packages;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling.Packages;

/// <summary>The global packages folder as a source of NuGet's walk, on package folders laid out as NuGet extracts them.</summary>
public sealed class GlobalPackagesProviderTests
{
    private static readonly NuGetFramework Net10 = NuGetFramework.Parse("net10.0");

    private static void Extract(string folder, string id, string version, string dependencies, bool complete = true)
    {
        var directory = Path.Join(folder, id.ToLowerInvariant(), version);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Join(directory, id.ToLowerInvariant() + ".nuspec"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>{version}</version>
                <authors>tests</authors>
                <description>test</description>
                <dependencies>{dependencies}</dependencies>
              </metadata>
            </package>
            """);
        if (complete)
        {
            File.WriteAllText(Path.Join(directory, ".nupkg.metadata"), "{\"version\": 2, \"contentHash\": \"\", \"source\": null}");
        }
    }

    [Test]
    public async Task GetDependencies_OneTheFrameworkSupplies_LeavesItOutAsTheSdkPrunes()
    {
        using var folder = new TempDirectory();
        Extract(folder.Path, "Uses.Memory", "1.0.0", """
            <group targetFramework="netstandard2.0">
              <dependency id="System.Memory" version="4.5.5" />
              <dependency id="Other.Dep" version="2.0.0" exclude="Build,Analyzers,Compile" />
            </group>
            """);
        var provider = new GlobalPackagesProvider(folder.Path, new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase) { ["System.Memory"] = new("10.0.0") });
        using var cache = new SourceCacheContext();

        var info = await provider.GetDependenciesAsync(new LibraryIdentity("uses.memory", new NuGetVersion("1.0.0"), LibraryType.Package), Net10, cache, NullLogger.Instance, CancellationToken.None);

        Assert.That(info.Library.Name, Is.EqualTo("Uses.Memory"), "the package's own spelling");
        var dependency = info.Dependencies.Single();
        Assert.That(dependency.Name, Is.EqualTo("Other.Dep"));
        Assert.That(dependency.IncludeType & LibraryIncludeFlags.Compile, Is.EqualTo(LibraryIncludeFlags.None));
        Assert.That(dependency.IncludeType & LibraryIncludeFlags.Runtime, Is.EqualTo(LibraryIncludeFlags.Runtime));
    }

    [Test]
    public async Task GetDependencies_NewerThanTheFrameworkSupplies_IsKept()
    {
        using var folder = new TempDirectory();
        Extract(folder.Path, "Uses.Json", "1.0.0", "<group targetFramework=\"net8.0\"><dependency id=\"System.Text.Json\" version=\"11.0.0\" /></group>");
        var provider = new GlobalPackagesProvider(folder.Path, new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase) { ["System.Text.Json"] = new("10.0.0") });
        using var cache = new SourceCacheContext();

        var info = await provider.GetDependenciesAsync(new LibraryIdentity("Uses.Json", new NuGetVersion("1.0.0"), LibraryType.Package), Net10, cache, NullLogger.Instance, CancellationToken.None);

        Assert.That(info.Dependencies.Select(d => d.Name), Is.EqualTo(new[] { "System.Text.Json" }));
    }

    [Test]
    public async Task FindLibrary_OnlyCompletelyExtractedVersions_BestMatchOfTheRange()
    {
        using var folder = new TempDirectory();
        Extract(folder.Path, "Some.Lib", "1.0.0", string.Empty);
        Extract(folder.Path, "Some.Lib", "1.5.0", string.Empty);
        Extract(folder.Path, "Some.Lib", "1.2.0", string.Empty, complete: false);
        var provider = new GlobalPackagesProvider(folder.Path, new Dictionary<string, NuGetVersion>());
        using var cache = new SourceCacheContext();

        var lowest = await provider.FindLibraryAsync(new LibraryRange("Some.Lib", VersionRange.Parse("1.1.0"), LibraryDependencyTarget.Package), Net10, cache, NullLogger.Instance, CancellationToken.None);
        var none = await provider.FindLibraryAsync(new LibraryRange("Some.Lib", VersionRange.Parse("2.0.0"), LibraryDependencyTarget.Package), Net10, cache, NullLogger.Instance, CancellationToken.None);
        var versions = await provider.GetAllVersionsAsync("Some.Lib", cache, NullLogger.Instance, CancellationToken.None);

        Assert.That(lowest!.Version, Is.EqualTo(new NuGetVersion("1.5.0")), "1.2.0 is not completely extracted");
        Assert.That(none, Is.Null);
        Assert.That(versions, Is.EquivalentTo(new[] { new NuGetVersion("1.0.0"), new NuGetVersion("1.5.0") }));
    }
}
