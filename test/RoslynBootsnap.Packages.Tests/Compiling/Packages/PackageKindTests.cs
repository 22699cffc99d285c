using System.Runtime.Versioning;
using System.Security;
using RoslynBootsnap.Compiling.Packages;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling.Packages;

/// <summary>
/// Packages of one kind of asset each, resolved with a cold global packages folder (the SDK's restore) and with
/// the same folder warm (in process): both give the same references. The framework's own packages come from
/// the machine's default source; the rest from a local folder feed this fixture writes.
/// </summary>
[Category("Process")]
[UnsupportedOSPlatform("windows")]
public sealed class PackageKindTests
{
    private const string FrameworkProvided = "System.Text.Encoding.CodePages, 5.0.0";

    private TempDirectory _root = null!;
    private TempDirectory _machine = null!;
    private PackageFeed _feed = null!;

    [OneTimeSetUp]
    public void BuildFeed()
    {
        _root = new TempDirectory();

        // Apart from the feed's root, whose NuGet.Config clears the machine's sources.
        _machine = new TempDirectory();
        _feed = new PackageFeed(_root.Path);

        // Its dependency is one the framework supplies: the SDK prunes it, without asking any source for it.
        _feed.AddPackage("Kind.Pruned", "1.0.0", new Dictionary<string, string> { ["lib/net10.0/Kind.Pruned.dll"] = "an assembly" }, [("System.Text.Json", "8.0.0")]);
        _feed.AddPackage("Kind.Analyzer", "1.0.0", new Dictionary<string, string> { ["analyzers/dotnet/cs/Kind.Analyzer.dll"] = "an analyzer" });
        _feed.AddPackage("Kind.Native", "1.0.0", new Dictionary<string, string> { ["runtimes/linux-x64/native/libkind.so"] = "a library" });
        _feed.AddPackage("Kind.Content", "1.0.0", new Dictionary<string, string> { ["contentFiles/any/any/data.txt"] = "data", ["content/data.txt"] = "data" });
    }

    [OneTimeTearDown]
    public void RemoveFeed()
    {
        _root.Dispose();
        _machine.Dispose();
    }

    /// <summary>
    /// A script in a folder of its own whose NuGet.Config names a fresh global packages folder: the local feed,
    /// or, for <see cref="FrameworkProvided"/>, the machine's default source (no source named).
    /// </summary>
    private string ColdScript(string directive, string text = "1")
    {
        var folder = Path.Join(directive == FrameworkProvided ? _machine.Path : _root.Path, "cold", TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(folder);
        var sources = directive == FrameworkProvided
            ? string.Empty
            : $"<packageSources><clear /><add key=\"local\" value=\"{SecurityElement.Escape(_feed.FeedDirectory)}\" /></packageSources>";
        File.WriteAllText(Path.Join(folder, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{SecurityElement.Escape(Path.Join(folder, "packages"))}" /></config>
              {sources}
            </configuration>
            """);
        var script = Path.Join(folder, "script.csx");
        File.WriteAllText(script, text);
        return script;
    }

    private static PackageReference Package(string directive)
    {
        Assert.That(PackageReference.TryParse("nuget: " + directive, out var package), Is.True, directive);
        return package;
    }

    [TestCase("Kind.Pruned, 1.0.0")]
    [TestCase("Kind.Analyzer, 1.0.0")]
    [TestCase("Kind.Native, 1.0.0")]
    [TestCase("Kind.Content, 1.0.0")]
    [TestCase(FrameworkProvided)]
    public void Resolve_ColdFolderThenWarm_SameAssets(string directive)
    {
        var script = ColdScript(directive);
        PackageReference[] packages = [Package(directive)];

        var cold = PackageRestore.Restore(script, packages, _root.CacheDirectory, CancellationToken.None);
        var warm = PackageFolderResolution.TryResolve(script, packages, CancellationToken.None);

        Assert.That(warm, Is.Not.Null, "the restore left everything in the folder");
        Assert.That(warm!.OwnCompileAssemblies, Is.EqualTo(cold.OwnCompileAssemblies));
        Assert.That(warm.CompileAssemblies, Is.EqualTo(cold.CompileAssemblies));
        Assert.That(warm.RuntimeAssemblies, Is.EqualTo(cold.RuntimeAssemblies));
        Assert.That(warm.NativeLibraries, Is.EqualTo(cold.NativeLibraries));
        Assert.That(warm.Scripts, Is.EqualTo(cold.Scripts));
        Assert.That(warm.NativeOnly, Is.EquivalentTo(cold.NativeOnly));
    }

    [Test]
    public void Resolve_PrunedDependency_OnlyThePackagesOwnAssembly()
    {
        var script = ColdScript("Kind.Pruned, 1.0.0");

        var cold = PackageRestore.Restore(script, [Package("Kind.Pruned, 1.0.0")], _root.CacheDirectory, CancellationToken.None);

        Assert.That(cold.CompileAssemblies.Select(Path.GetFileName), Is.EqualTo(new[] { "Kind.Pruned.dll" }));
    }

    [Test]
    public void Resolve_FrameworkProvided_NoAssetsOfItsOwnColdOrWarm()
    {
        var script = ColdScript(FrameworkProvided);
        PackageReference[] packages = [Package(FrameworkProvided)];

        var cold = PackageRestore.Restore(script, packages, _root.CacheDirectory, CancellationToken.None);
        var warm = PackageFolderResolution.TryResolve(script, packages, CancellationToken.None);

        Assert.That(cold.CompileAssemblies.Concat(cold.RuntimeAssemblies), Is.Empty, "the framework's copy is the one used");
        Assert.That(warm!.CompileAssemblies.Concat(warm.RuntimeAssemblies), Is.Empty);
    }

    [TestCase("Kind.Analyzer, 1.0.0")]
    [TestCase("Kind.Content, 1.0.0")]
    [TestCase(FrameworkProvided)]
    public void Run_PackageWithNothingToCompileAgainst_ColdAndWarmRunsWork(string directive)
    {
        var script = ColdScript(directive, $"#r \"nuget: {directive}\"\nWriteLine(\"ran\");\n");
        var folder = Path.GetDirectoryName(script)!;

        var cold = CliHost.Run(folder, "run", "--cache-dir", Path.Join(folder, "cache"), script);
        File.AppendAllText(script, "WriteLine(\"edited\");\n");
        var warm = CliHost.Run(folder, "run", "--cache-dir", Path.Join(folder, "cache"), script);

        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        Assert.That(CliHost.LinesOf(cold.StandardOutput), Is.EqualTo(new[] { "ran" }));
        Assert.That(warm.ExitCode, Is.Zero, warm.ToString());
        Assert.That(CliHost.LinesOf(warm.StandardOutput), Is.EqualTo(new[] { "ran", "edited" }));
    }

    [Test]
    public void Run_FrameworkProvidedThroughTheServer_ColdAndWarmRunsWork()
    {
        using var temp = new TempDirectory();
        using var sandbox = new ServerSandbox(temp);
        sandbox.StartServer();
        var script = ColdScript(FrameworkProvided, $"#r \"nuget: {FrameworkProvided}\"\nWriteLine(System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.WebName);\n");

        var cold = sandbox.Run("run", "--events", script);
        File.AppendAllText(script, "WriteLine(\"edited\");\n");
        var warm = sandbox.Run("run", "--events", script);

        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        Assert.That(cold.StandardError, Does.Not.Contain("server-fallback"), "compiled by the server");
        Assert.That(CliHost.LinesOf(cold.StandardOutput), Is.EqualTo(new[] { "windows-1252" }));
        Assert.That(warm.ExitCode, Is.Zero, warm.ToString());
        Assert.That(CliHost.LinesOf(warm.StandardOutput), Is.EqualTo(new[] { "windows-1252", "edited" }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Load_NativeOnlyPackage_ClearErrorColdAndWarm(bool warm)
    {
        var script = ColdScript("Kind.Native, 1.0.0", "#r \"nuget: Kind.Native, 1.0.0\"\n1");
        if (warm)
        {
            PackageRestore.Restore(script, [Package("Kind.Native, 1.0.0")], _root.CacheDirectory, CancellationToken.None);
        }

        var e = Assert.Throws<ScriptPackageException>(() => ScriptCache.Load(script, new ScriptCacheOptions { CacheDirectory = Path.Join(Path.GetDirectoryName(script), "cache") }));

        Assert.That(e!.Failure, Is.EqualTo(ScriptPackageFailure.NativeOnly), e.Message);
        Assert.That(e.PackageId, Is.EqualTo("Kind.Native"));
        Assert.That(e.Message, Does.Contain("native libraries").And.Not.Contain("CS0006"));
    }
}
