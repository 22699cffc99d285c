using System.Reflection;
using System.Runtime.Loader;
using System.Runtime.Versioning;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Loading;

/// <summary>
/// A script's dependencies are its own: packages named like the command line's own dependencies (Newtonsoft.Json,
/// System.CommandLine), at versions the tool's copies would have stood in for, run the script's copy in the tool
/// and in a library host; a host shares only what it names.
/// </summary>
[Category("Process")]
[UnsupportedOSPlatform("windows")]
public sealed class ScriptIsolationTests
{
    private const string PrintJson = "WriteLine(typeof(FeedJson.Marker).Assembly.GetName().Version + \" \" + FeedJson.Marker.Which);";

    private TempDirectory _root = null!;
    private string _scripts = null!;

    [OneTimeSetUp]
    public void BuildFeed()
    {
        _root = new TempDirectory();
        var feed = new PackageFeed(_root.Path);
        // Older than the tool's 13.0.0.0, and later than it: the runtime would unify either with the host's.
        feed.AddLibrary("Newtonsoft.Json", "12.0.3", "namespace FeedJson; public static class Marker { public static string Which => \"json 12\"; }");
        feed.AddLibrary("Newtonsoft.Json", "13.0.4", "namespace FeedJson; public static class Marker { public static string Which => \"json 13.0.4\"; }");
        // A prerelease whose assembly version (2.0.0.0) is the tool's own System.CommandLine's.
        feed.AddLibrary("System.CommandLine", "2.0.0-beta4.22272.1", "namespace FeedCommandLine; public static class Beta { public static string Which => \"beta4\"; }");
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

    private ProcessResult Run(string path) => CliHost.Run(_scripts, ["run", "--cache-dir", Path.Join(_scripts, "cache"), path]);

    private ScriptCacheOptions Options() => new() { CacheDirectory = Path.Join(_scripts, "cache") };

    /// <summary>The test process's own Newtonsoft.Json 13, a dependency of NuGet's client, loaded as a host's would be.</summary>
    private static Version HostJson() => AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("Newtonsoft.Json")).GetName().Version!;

    [Test]
    public void Run_PackageOlderThanTheToolsOwnCopy_MissAndHitRunTheScriptsVersion()
    {
        var path = Write("json.csx", "#r \"nuget: Newtonsoft.Json, 12.0.3\"\n" + PrintJson);

        var miss = Run(path);
        var hit = Run(path);

        Assert.That(miss.ExitCode, Is.Zero, miss.ToString());
        Assert.That(hit.ExitCode, Is.Zero, hit.ToString());
        Assert.That(CliHost.LinesOf(miss.StandardOutput), Is.EqualTo(new[] { "12.0.3.0 json 12" }));
        Assert.That(CliHost.LinesOf(hit.StandardOutput), Is.EqualTo(new[] { "12.0.3.0 json 12" }));
    }

    [Test]
    public void Run_PrereleaseSharingTheToolsAssemblyVersion_MissAndHitRunTheScriptsCopy()
    {
        var path = Write("beta.csx", "#r \"nuget: System.CommandLine, 2.0.0-beta4.22272.1\"\nWriteLine(typeof(FeedCommandLine.Beta).Assembly.GetName().Version + \" \" + FeedCommandLine.Beta.Which);");

        var miss = Run(path);
        var hit = Run(path);

        Assert.That(miss.ExitCode, Is.Zero, miss.ToString());
        Assert.That(hit.ExitCode, Is.Zero, hit.ToString());
        Assert.That(CliHost.LinesOf(miss.StandardOutput), Is.EqualTo(new[] { "2.0.0.0 beta4" }));
        Assert.That(CliHost.LinesOf(hit.StandardOutput), Is.EqualTo(new[] { "2.0.0.0 beta4" }));
    }

    [Test]
    public async Task Load_HostHasALaterCopyItDoesNotShare_ScriptGetsItsOwn()
    {
        var host = HostJson();
        var path = Write("own.csx", "#r \"nuget: Newtonsoft.Json, 12.0.3\"\nSystem.Reflection.Assembly.Load(\"Newtonsoft.Json\").GetName().Version!.ToString()");

        using var script = ScriptCache.Load(path, Options());

        Assert.That(host, Is.EqualTo(new Version(13, 0, 0, 0)));
        Assert.That(await script.RunAsync(), Is.EqualTo("12.0.3.0"));
    }

    [Test]
    public async Task Load_HostSharesItsLaterCopy_ScriptGetsTheHosts()
    {
        var host = HostJson();
        var path = Write("shared.csx", "#r \"nuget: Newtonsoft.Json, 12.0.3\"\nSystem.Reflection.Assembly.Load(\"Newtonsoft.Json\").GetName().Version!.ToString()");

        using var script = ScriptCache.Load(path, Options() with { SharedAssemblies = ["Newtonsoft.Json"] });

        Assert.That(await script.RunAsync(), Is.EqualTo(host.ToString()));
    }

    [Test]
    public void Load_SharedCopyOlderThanCompiledAgainst_TypedErrorOnMissAndHit()
    {
        var host = HostJson();
        var path = Write("newer.csx", "#r \"nuget: Newtonsoft.Json, 13.0.4\"\nFeedJson.Marker.Which");
        var options = Options() with { SharedAssemblies = ["Newtonsoft.Json"] };

        var miss = Assert.Throws<ScriptSharedAssemblyException>(() => ScriptCache.Load(path, options));
        var hit = Assert.Throws<ScriptSharedAssemblyException>(() => ScriptCache.Load(path, options));

        foreach (var error in new[] { miss!, hit! })
        {
            Assert.That(error.Path, Is.EqualTo(path));
            Assert.That(error.AssemblyName, Is.EqualTo("Newtonsoft.Json"));
            Assert.That(error.HostVersion, Is.EqualTo(host));
            Assert.That(error.CompiledVersion, Is.EqualTo(new Version(13, 0, 4, 0)));
        }
    }

    [Test]
    public async Task Load_TwoScriptsAskForTwoVersionsTheHostAlsoHas_EachGetsItsOwn()
    {
        HostJson();
        var older = Write("v12.csx", "#r \"nuget: Newtonsoft.Json, 12.0.3\"\nFeedJson.Marker.Which");
        var later = Write("v13.csx", "#r \"nuget: Newtonsoft.Json, 13.0.4\"\nFeedJson.Marker.Which");

        using var first = ScriptCache.Load(older, Options());
        using var second = ScriptCache.Load(later, Options());

        Assert.That(await first.RunAsync(), Is.EqualTo("json 12"));
        Assert.That(await second.RunAsync(), Is.EqualTo("json 13.0.4"));
    }
}
