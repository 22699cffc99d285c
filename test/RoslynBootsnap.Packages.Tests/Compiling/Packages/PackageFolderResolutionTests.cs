using System.Runtime.Versioning;
using RoslynBootsnap.Compiling.Packages;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling.Packages;

/// <summary>
/// In-process resolution from the global packages folder, against what the SDK's restore of the same references
/// resolves: packages from a local folder feed this fixture builds with <c>dotnet pack</c>.
/// </summary>
[Category("Process")]
[UnsupportedOSPlatform("windows")]
public sealed class PackageFolderResolutionTests
{
    private TempDirectory _root = null!;
    private PackageFeed _feed = null!;
    private string _script = null!;

    [OneTimeSetUp]
    public void BuildFeed()
    {
        _root = new TempDirectory();
        _feed = new PackageFeed(_root.Path);
        _feed.AddLibrary("Lib.B", "1.0.0", "namespace Lib.B; public static class Greeter { public static string Hello() => \"hello\"; }");
        _feed.AddLibrary("Lib.A", "1.0.0", "namespace Lib.A; public static class Shout { public static string Loud() => Lib.B.Greeter.Hello(); }", [("Lib.B", "1.0.0")]);
        _feed.AddLibrary("Lib.V", "1.0.0", "namespace Lib.V; public static class Which { public static string Version => \"v1\"; }");
        _feed.AddLibrary("Lib.V", "2.0.0", "namespace Lib.V; public static class Which { public static string Version => \"v2\"; }");
        _feed.AddLibrary("Lib.Unused", "1.0.0", "namespace Lib.Unused; public static class Nothing { }");
        _feed.AddLibrary(
            "Lib.Native",
            "1.0.0",
            "namespace Lib.Native; public static class Calls { }",
            extraFiles: new Dictionary<string, string> { ["runtimes/linux-x64/native/libanswer.so"] = _feed.BuildNativeLibrary("answer", 42) });
        _feed.AddScriptPackage("Script.Pkg", "1.0.0", "public static string FromPackage() => \"from the package\";\n");
        _script = Path.Join(_root.Path, "scripts", "script.csx");
        Directory.CreateDirectory(Path.GetDirectoryName(_script)!);
        File.WriteAllText(_script, "1");
    }

    [OneTimeTearDown]
    public void RemoveFeed() => _root.Dispose();

    private static PackageReference Package(string directive)
    {
        Assert.That(PackageReference.TryParse("nuget: " + directive, out var package), Is.True, directive);
        return package;
    }

    [TestCase("Lib.A, 1.0.0")]
    [TestCase("Lib.V, 2.0.0")]
    [TestCase("Lib.V, [1.0.0, 2.0.0)")]
    [TestCase("Lib.Native, 1.0.0")]
    [TestCase("Script.Pkg, 1.0.0")]
    public void TryResolve_EverythingInTheFolder_SameAssetsAsTheSdkRestore(string directive)
    {
        PackageReference[] packages = [Package(directive)];
        var restored = PackageRestore.Restore(_script, packages, _root.CacheDirectory, CancellationToken.None);

        var resolved = PackageFolderResolution.TryResolve(_script, packages, CancellationToken.None);

        Assert.That(resolved, Is.Not.Null, "everything is in the folder");
        Assert.That(resolved!.OwnCompileAssemblies, Is.EqualTo(restored.OwnCompileAssemblies));
        Assert.That(resolved.CompileAssemblies, Is.EqualTo(restored.CompileAssemblies));
        Assert.That(resolved.RuntimeAssemblies, Is.EqualTo(restored.RuntimeAssemblies));
        Assert.That(resolved.NativeLibraries, Is.EqualTo(restored.NativeLibraries));
        Assert.That(resolved.Scripts, Is.EqualTo(restored.Scripts));
        Assert.That(resolved.CompileAssemblies.Concat(resolved.Scripts.Values), Is.Not.Empty);
    }

    [Test]
    public void TryResolve_DependencyFromTheFolder_ComesWithItsPackage()
    {
        PackageRestore.Restore(_script, [Package("Lib.A, 1.0.0")], _root.CacheDirectory, CancellationToken.None);

        var resolved = PackageFolderResolution.TryResolve(_script, [Package("Lib.A, 1.0.0")], CancellationToken.None);

        Assert.That(resolved!.OwnCompileAssemblies.Keys, Is.EqualTo(new[] { "Lib.A" }));
        Assert.That(resolved.OwnCompileAssemblies["Lib.A"].Select(Path.GetFileName), Is.EqualTo(new[] { "Lib.A.dll" }));
        Assert.That(resolved.RuntimeAssemblies.Select(Path.GetFileName), Is.EquivalentTo(new[] { "Lib.A.dll", "Lib.B.dll" }));
        Assert.That(resolved.RuntimeAssemblies, Has.All.StartWith(_feed.GlobalPackagesFolder));
    }

    [Test]
    public void TryResolve_PackageNotInTheFolder_Declines()
    {
        Assert.That(Directory.Exists(_feed.PackageFolder("Lib.Unused", "1.0.0")), Is.False);

        Assert.That(PackageFolderResolution.TryResolve(_script, [Package("Lib.Unused, 1.0.0")], CancellationToken.None), Is.Null);
    }

    [TestCase("Lib.V, 1.*")]
    [TestCase("Lib.V")]
    [TestCase("Lib.V, 0.9.0")]
    [TestCase("Lib.V, (1.0.0, 3.0.0)")]
    public void TryResolve_VersionARestoreWouldAskASourceFor_Declines(string directive)
    {
        PackageRestore.Restore(_script, [Package("Lib.V, 1.0.0")], _root.CacheDirectory, CancellationToken.None);
        PackageRestore.Restore(_script, [Package("Lib.V, 2.0.0")], _root.CacheDirectory, CancellationToken.None);

        Assert.That(PackageFolderResolution.TryResolve(_script, [Package(directive)], CancellationToken.None), Is.Null);
    }

    [Test]
    public void TryResolve_PartlyExtractedPackage_Declines()
    {
        PackageRestore.Restore(_script, [Package("Lib.A, 1.0.0")], _root.CacheDirectory, CancellationToken.None);
        var marker = Path.Join(_feed.PackageFolder("Lib.B", "1.0.0"), ".nupkg.metadata");
        var moved = marker + ".moved";
        File.Move(marker, moved);
        try
        {
            Assert.That(PackageFolderResolution.TryResolve(_script, [Package("Lib.A, 1.0.0")], CancellationToken.None), Is.Null);
        }
        finally
        {
            File.Move(moved, marker);
        }
    }
}
