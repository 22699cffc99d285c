using System.Runtime.Versioning;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling.Packages;

/// <summary>
/// Package references end to end: real restores by the SDK against a local folder feed this fixture builds, the
/// real command line in child processes, and real hits that resolve nothing.
/// </summary>
[Category("Process")]
[UnsupportedOSPlatform("windows")]
public sealed class PackageRestoreTests
{
    private const string CountLoaded =
        "WriteLine(\"nuget: \" + AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name!.StartsWith(\"NuGet\")));\n"
        + "WriteLine(\"roslyn: \" + AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name!.StartsWith(\"Microsoft.CodeAnalysis\")));\n";

    private TempDirectory _root = null!;
    private PackageFeed _feed = null!;
    private string _scripts = null!;

    [OneTimeSetUp]
    public void BuildFeed()
    {
        _root = new TempDirectory();
        _feed = new PackageFeed(_root.Path);
        _feed.AddLibrary("Lib.B", "1.0.0", "namespace Lib.B; public static class Greeter { public static string Hello() => \"hello from b\"; }");
        _feed.AddLibrary("Lib.A", "1.0.0", "namespace Lib.A; public static class Shout { public static string Loud() => Lib.B.Greeter.Hello().ToUpperInvariant(); }", [("Lib.B", "1.0.0")]);
        _feed.AddLibrary("Lib.B", "2.0.0", "namespace Lib.B; public static class Greeter { public static string Hello() => \"hello from b\"; public static string Newer() => \"b2\"; }");
        _feed.AddLibrary("Lib.C", "1.0.0", "namespace Lib.C; public static class Uses { public static string Newer() => Lib.B.Greeter.Newer(); }", [("Lib.B", "2.0.0")]);
        _feed.AddLibrary("Lib.V", "1.0.0", "namespace Lib.V; public static class Which { public static string Version => \"v1\"; }");
        _feed.AddLibrary("Lib.V", "2.0.0", "namespace Lib.V; public static class Which { public static string Version => \"v2\"; }");
        _feed.AddLibrary("Lib.W", "1.0.0", "namespace Lib.W; public static class Which { public static string Version => \"w1.0\"; }");
        var native = _feed.BuildNativeLibrary("answer", 42);
        _feed.AddLibrary(
            "Lib.Native",
            "1.0.0",
            "namespace Lib.Native; public static class Calls { [System.Runtime.InteropServices.DllImport(\"answer\")] public static extern int answer(); }",
            extraFiles: new Dictionary<string, string> { ["runtimes/linux-x64/native/libanswer.so"] = native });
        // Named like a dependency of the command line itself, which has its own copy.
        _feed.AddLibrary("Newtonsoft.Json", "99.0.0", "namespace FeedJson; public static class Marker { public static string Which => \"the package's own\"; }");
        _feed.AddScriptPackage("Script.Pkg", "1.0.0", "public static string FromPackage() => \"from the script package\";\n");
    }

    [OneTimeTearDown]
    public void RemoveFeed() => _root.Dispose();

    [SetUp]
    public void SetUp()
    {
        _scripts = Path.Join(_root.Path, "scripts", TestContext.CurrentContext.Test.Name);
        Directory.CreateDirectory(_scripts);
    }

    private string Write(string name, string text)
    {
        var path = Path.Join(_scripts, name);
        File.WriteAllText(path, text);
        return path;
    }

    private ProcessResult Run(params string[] arguments) =>
        CliHost.Run(_scripts, ["run", "--cache-dir", Path.Join(_scripts, "cache"), "--events", .. arguments]);

    private static IReadOnlyList<string> Events(ProcessResult result) =>
        [.. CliHost.LinesOf(result.StandardError).Where(l => l.StartsWith("roslyn-bootsnap: ", StringComparison.Ordinal)).Select(l => l["roslyn-bootsnap: ".Length..].Split(' ')[0])];

    [Test]
    public void Run_PackageWithDependency_RestoresThenHitsWithoutNuGetOrRoslyn()
    {
        var path = Write("a.csx", "#r \"nuget: Lib.A, 1.0.0\"\nWriteLine(Lib.A.Shout.Loud());\n" + CountLoaded);

        var cold = Run(path);
        var warm = Run(path);

        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        Assert.That(cold.StandardOutput, Does.Contain("HELLO FROM B"));
        Assert.That(Events(cold), Is.EqualTo(new[] { "miss" }));
        Assert.That(warm.ExitCode, Is.Zero, warm.ToString());
        Assert.That(Events(warm), Is.EqualTo(new[] { "hit" }));
        Assert.That(warm.StandardOutput, Does.Contain("HELLO FROM B"));
        Assert.That(warm.Lines("nuget:"), Is.EqualTo(new[] { "0" }), "a hit restores nothing and loads no NuGet assembly");
        Assert.That(warm.Lines("roslyn:"), Is.EqualTo(new[] { "0" }));
    }

    [Test]
    public void Run_DirectiveForms_AllResolve()
    {
        var path = Write("forms.csx", "#r \"nuget:Lib.B/1.0.0\"\n#r \"nuget: Lib.A,1.0.0\"\nWriteLine(Lib.A.Shout.Loud() + Lib.B.Greeter.Hello());");

        var result = Run(path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("HELLO FROM Bhello from b"));
    }

    [Test]
    public void Run_PackageInLoadedFile_Resolves()
    {
        Write("helper.csx", "#r \"nuget: Lib.B, 1.0.0\"\nstatic string Greet() => Lib.B.Greeter.Hello();");
        var path = Write("main.csx", "#load \"helper.csx\"\nWriteLine(Greet());");

        var result = Run(path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("hello from b"));
    }

    [Test]
    public void Run_PackageFolderDeleted_StaleThenRestoredAndRuns()
    {
        var path = Write("deleted.csx", "#r \"nuget: Lib.A, 1.0.0\"\nWriteLine(Lib.A.Shout.Loud());");
        Assert.That(Run(path).ExitCode, Is.Zero);

        Directory.Delete(_feed.PackageFolder("Lib.B", "1.0.0"), recursive: true);
        var afterDelete = Run(path);
        var again = Run(path);

        Assert.That(afterDelete.ExitCode, Is.Zero, afterDelete.ToString());
        Assert.That(afterDelete.StandardOutput, Does.Contain("HELLO FROM B"));
        Assert.That(Events(afterDelete), Is.EqualTo(new[] { "stale" }), "the package's files are dependencies of the entry");
        Assert.That(Directory.Exists(_feed.PackageFolder("Lib.B", "1.0.0")), Is.True, "restored again");
        Assert.That(Events(again), Is.EqualTo(new[] { "hit" }));
    }

    [Test]
    public void Run_FloatingVersion_ServedUntilTheRefreshIntervalThenResolvedAgain()
    {
        var path = Write("floating.csx", "#r \"nuget: Lib.W, 1.*\"\nWriteLine(Lib.W.Which.Version);");
        var first = Run(path);
        _feed.AddLibrary("Lib.W", "1.1.0", "namespace Lib.W; public static class Which { public static string Version => \"w1.1\"; }");

        var withinInterval = Run(path);
        var refreshed = Run("--refresh", "0s", path);

        Assert.That(first.StandardOutput, Does.Contain("w1.0"), first.ToString());
        Assert.That(Events(withinInterval), Is.EqualTo(new[] { "hit" }), "never resolved on every run");
        Assert.That(withinInterval.StandardOutput, Does.Contain("w1.0"));
        Assert.That(refreshed.StandardError, Does.Contain("stale " + path + " (refresh-packages)"), refreshed.ToString());
        Assert.That(refreshed.StandardOutput, Does.Contain("w1.1"));
    }

    [Test]
    public void Run_NativeAsset_LoadsThroughTheScriptContext()
    {
        var path = Write("native.csx", "#r \"nuget: Lib.Native, 1.0.0\"\nWriteLine(\"answer \" + Lib.Native.Calls.answer());");

        var cold = Run(path);
        var warm = Run(path);

        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        Assert.That(cold.Lines("answer"), Is.EqualTo(new[] { "42" }));
        Assert.That(Events(warm), Is.EqualTo(new[] { "hit" }));
        Assert.That(warm.Lines("answer"), Is.EqualTo(new[] { "42" }));
    }

    [Test]
    public void Run_LoadScriptPackage_RunsItsScript()
    {
        var path = Write("loads.csx", "#load \"nuget: Script.Pkg, 1.0.0\"\nWriteLine(FromPackage());");

        var result = Run(path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("from the script package"));
    }

    [TestCase("Lib.Nope, 1.0.0", "NU1101")]
    [TestCase("Lib.B, 9.9.9", "NU1102")]
    public void Run_PackageCannotBeResolved_TypedExitCodeQuotingNuGetAndNothingCached(string reference, string code)
    {
        var path = Write("bad.csx", $"#r \"nuget: {reference}\"\nWriteLine(1);");

        var first = Run(path);
        var second = Run(path);

        Assert.That(first.ExitCode, Is.EqualTo(4), first.ToString());
        Assert.That(first.StandardError, Does.Contain(code).And.Contain(reference.Split(',')[0]));
        Assert.That(Events(second)[0], Is.EqualTo("miss"), "nothing was cached: the next run tries again");
        Assert.That(second.ExitCode, Is.EqualTo(4));
    }

    [Test]
    public void Run_PackageNotFoundThroughTheServer_TheScriptsErrorOnceNamingPackageAndSource()
    {
        using var temp = new TempDirectory();
        using var sandbox = new ServerSandbox(temp);
        sandbox.StartServer();
        var path = Write("missing.csx", "#r \"nuget: Lib.Nope, 1.0.0\"\nWriteLine(1);");

        var result = sandbox.Run("run", "--events", path);

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.StandardError, Does.Not.Contain("server-"), "the server's answer is the script's error: no fallback, no second resolution");
        Assert.That(CliHost.LinesOf(result.StandardError).Where(l => l.Contains("NU1101", StringComparison.Ordinal)), Has.Exactly(1).Contains("Lib.Nope").And.Contains("local"));
    }

    [Test]
    public void Load_HttpSourceUnreachable_ScriptPackageExceptionSourceUnavailable()
    {
        var offline = Path.Join(_scripts, "http");
        Directory.CreateDirectory(offline);
        File.WriteAllText(Path.Join(offline, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Join(offline, "packages")}" /></config>
              <packageSources><clear /><add key="gone" value="http://127.0.0.1:9/v3/index.json" /></packageSources>
            </configuration>
            """);
        var path = Path.Join(offline, "http.csx");
        File.WriteAllText(path, "#r \"nuget: Lib.B, 1.0.0\"\nLib.B.Greeter.Hello()");

        var e = Assert.Throws<ScriptPackageException>(() => ScriptCache.Load(path, new ScriptCacheOptions { CacheDirectory = Path.Join(_scripts, "cache") }));

        Assert.That(e!.Failure, Is.EqualTo(ScriptPackageFailure.SourceUnavailable), e.Message);
        Assert.That(e.PackageId, Is.EqualTo("Lib.B"));
        Assert.That(e.Message, Does.Contain("http://127.0.0.1:9/v3/index.json"));
    }

    [Test]
    public void Load_Offline_ScriptPackageExceptionSourceUnavailable()
    {
        var offline = Path.Join(_scripts, "offline");
        Directory.CreateDirectory(offline);
        File.WriteAllText(Path.Join(offline, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Join(offline, "packages")}" /></config>
              <packageSources><clear /><add key="gone" value="{Path.Join(offline, "no-such-feed")}" /></packageSources>
            </configuration>
            """);
        var path = Path.Join(offline, "offline.csx");
        File.WriteAllText(path, "#r \"nuget: Lib.B, 1.0.0\"\nLib.B.Greeter.Hello()");

        var e = Assert.Throws<ScriptPackageException>(() => ScriptCache.Load(path, new ScriptCacheOptions { CacheDirectory = Path.Join(_scripts, "cache") }));

        Assert.That(e!.PackageId, Is.EqualTo("Lib.B"));
        Assert.That(e.Version, Is.EqualTo("1.0.0"));
        Assert.That(e.Failure, Is.EqualTo(ScriptPackageFailure.SourceUnavailable), e.Message);
        Assert.That(e.Message, Does.Contain("NU1301"));
    }

    /// <summary>A host without an SDK beside it: a runtime-only install.</summary>
    private Dictionary<string, string> WithoutSdk()
    {
        var runtimeOnly = Path.Join(_scripts, "runtime-only");
        Directory.CreateDirectory(runtimeOnly);
        File.WriteAllText(Path.Join(runtimeOnly, "dotnet"), string.Empty);
        return new Dictionary<string, string> { ["ROSLYN_BOOTSNAP_DOTNET"] = Path.Join(runtimeOnly, "dotnet") };
    }

    [Test]
    public void Run_NoSdkOnTheMachine_MissThatNeedsARestoreSaysSoAndHitsStillRun()
    {
        var cached = Write("cached.csx", "#r \"nuget: Lib.B, 1.0.0\"\nWriteLine(Lib.B.Greeter.Hello());");

        // A floating version is resolved by asking the sources, which only a restore does.
        var uncached = Write("uncached.csx", "#r \"nuget: Lib.V, 1.*\"\nWriteLine(Lib.V.Which.Version);");
        Assert.That(Run(cached).ExitCode, Is.Zero);

        var environment = WithoutSdk();
        var hit = CliHost.Run(_scripts, environment, "run", "--cache-dir", Path.Join(_scripts, "cache"), "--events", cached);
        var miss = CliHost.Run(_scripts, environment, "run", "--cache-dir", Path.Join(_scripts, "cache"), uncached);

        Assert.That(hit.ExitCode, Is.Zero, hit.ToString());
        Assert.That(Events(hit), Is.EqualTo(new[] { "hit" }));
        Assert.That(miss.ExitCode, Is.EqualTo(4), miss.ToString());
        Assert.That(miss.StandardError, Does.Contain("needs the .NET SDK").And.Contain("Lib.V"));
    }

    [Test]
    public void Run_HitWithTheFeedGoneAndNoSdk_RunsWithoutResolvingAnything()
    {
        var path = Write("offline.csx", "#r \"nuget: Lib.A, 1.0.0\"\nWriteLine(Lib.A.Shout.Loud());");
        Assert.That(Run(path).ExitCode, Is.Zero);
        var aside = _feed.FeedDirectory + ".aside";
        Directory.Move(_feed.FeedDirectory, aside);
        try
        {
            // No feed, no SDK and no dotnet on PATH: any restore would fail.
            var environment = WithoutSdk();
            environment["PATH"] = Path.Join(_scripts, "runtime-only");
            var hit = CliHost.Run(_scripts, environment, "run", "--cache-dir", Path.Join(_scripts, "cache"), "--events", path);

            Assert.That(hit.ExitCode, Is.Zero, hit.ToString());
            Assert.That(Events(hit), Is.EqualTo(new[] { "hit" }));
            Assert.That(CliHost.LinesOf(hit.StandardOutput), Is.EqualTo(new[] { "HELLO FROM B" }));
        }
        finally
        {
            Directory.Move(aside, _feed.FeedDirectory);
        }
    }

    [Test]
    public void Run_NoSdkButPackagesInTheFolder_MissResolvesInProcess()
    {
        var path = Write("edited.csx", "#r \"nuget: Lib.A, 1.0.0\"\nWriteLine(Lib.A.Shout.Loud());");
        Assert.That(Run(path).ExitCode, Is.Zero);
        File.AppendAllText(path, "WriteLine(\"edited\");\n");

        var miss = CliHost.Run(_scripts, WithoutSdk(), "run", "--cache-dir", Path.Join(_scripts, "cache"), "--events", path);

        Assert.That(miss.ExitCode, Is.Zero, miss.ToString());
        Assert.That(Events(miss), Is.EqualTo(new[] { "stale" }), "an edit, compiled again");
        Assert.That(CliHost.LinesOf(miss.StandardOutput), Is.EqualTo(new[] { "HELLO FROM B", "edited" }));
    }

    [Test]
    public void Run_TwoPackagesNeedingTwoVersionsOfADependency_ShareTheOneNuGetPicks()
    {
        // Lib.A needs Lib.B 1.0.0, Lib.C needs Lib.B 2.0.0: one graph takes 2.0.0 for both, as a project would.
        var path = Write("unified.csx", "#r \"nuget: Lib.A, 1.0.0\"\n#r \"nuget: Lib.C, 1.0.0\"\nWriteLine(Lib.A.Shout.Loud() + \" \" + Lib.C.Uses.Newer());");

        var miss = Run(path);
        var hit = Run(path);

        Assert.That(miss.ExitCode, Is.Zero, miss.ToString());
        Assert.That(CliHost.LinesOf(miss.StandardOutput), Is.EqualTo(new[] { "HELLO FROM B b2" }));
        Assert.That(hit.ExitCode, Is.Zero, hit.ToString());
        Assert.That(Events(hit), Is.EqualTo(new[] { "hit" }));
        Assert.That(CliHost.LinesOf(hit.StandardOutput), Is.EqualTo(new[] { "HELLO FROM B b2" }));
    }

    [Test]
    public void Run_PackagesInTheScriptAndALoadedFile_ResolveAsOneGraph()
    {
        Write("helper.csx", "#r \"nuget: Lib.A, 1.0.0\"\nstatic string Loud() => Lib.A.Shout.Loud();");
        var path = Write("main.csx", "#load \"helper.csx\"\n#r \"nuget: Lib.C, 1.0.0\"\nWriteLine(Loud() + \" \" + Lib.C.Uses.Newer());");

        var result = Run(path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[] { "HELLO FROM B b2" }));
    }

    [Test]
    public void Run_PackageTheToolAlsoDependsOn_RunsTheVersionTheScriptAskedFor()
    {
        var path = Write("own.csx", "#r \"nuget: Newtonsoft.Json, 99.0.0\"\nWriteLine(FeedJson.Marker.Which);");

        var miss = Run(path);
        var hit = Run(path);

        Assert.That(miss.ExitCode, Is.Zero, miss.ToString());
        Assert.That(hit.ExitCode, Is.Zero, hit.ToString());
        Assert.That(CliHost.LinesOf(miss.StandardOutput), Is.EqualTo(new[] { "the package's own" }));
        Assert.That(CliHost.LinesOf(hit.StandardOutput), Is.EqualTo(new[] { "the package's own" }));
    }

    [Test]
    public async Task Load_TwoVersionsInOneHost_EachScriptGetsItsOwn()
    {
        var options = new ScriptCacheOptions { CacheDirectory = Path.Join(_scripts, "cache") };
        var one = Write("v1.csx", "#r \"nuget: Lib.V, 1.0.0\"\nLib.V.Which.Version");
        var two = Write("v2.csx", "#r \"nuget: Lib.V, 2.0.0\"\nLib.V.Which.Version");

        using var first = ScriptCache.Load(one, options);
        using var second = ScriptCache.Load(two, options);

        Assert.That(await first.RunAsync(), Is.EqualTo("v1"));
        Assert.That(await second.RunAsync(), Is.EqualTo("v2"));
    }

    [Test]
    public async Task Load_PackageAssemblies_LoadIntoTheScriptContextAndUnloadWithIt()
    {
        var path = Write("unload.csx", "#r \"nuget: Lib.A, 1.0.0\"\nSystem.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(Lib.B.Greeter).Assembly)!.Name + \"|\" + Lib.A.Shout.Loud()");
        var script = ScriptCache.Load(path, new ScriptCacheOptions { CacheDirectory = Path.Join(_scripts, "cache") });

        var result = (string?)await script.RunAsync();
        var unload = script.Unload();

        Assert.That(result, Is.EqualTo(path + "|HELLO FROM B"), "the dependency loaded into the script's own context");
        Assert.That(unload.WaitForUnload(TimeSpan.FromSeconds(10)), Is.True, "the package assemblies went with the context");
    }

    [Test]
    public void Load_PackageReferencesTurnedOff_CompileErrorNamingTheDirective()
    {
        var path = Write("off.csx", "#r \"nuget: Lib.B, 1.0.0\"\nLib.B.Greeter.Hello()");

        var e = Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(path, new ScriptCacheOptions
        {
            CacheDirectory = Path.Join(_scripts, "cache"),
            Packages = { Enabled = false },
        }));

        Assert.That(e!.Diagnostics.Select(d => d.Message), Has.Some.Contains("nuget: Lib.B, 1.0.0"));
        Assert.That(e.Diagnostics.Select(d => d.Message), Has.Some.Contains("turned off"));
    }
}
