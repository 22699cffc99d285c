using Microsoft.Extensions.Logging;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Composition;

public sealed class ScriptCacheBuilderTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Build_WithOptions_CachesUnderTheirDirectoryAndHitsAfterwards()
    {
        var events = new EventLog();
        var options = new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory, OnEvent = events.Add };
        var path = _temp.Write("a.csx", "6 * 7");

        var cache = new ScriptCacheBuilder(options).Build();
        using (var script = await cache.LoadAsync(path))
        {
            Assert.That(await script.RunAsync(), Is.EqualTo(42));
        }

        cache.Load(path).Dispose();

        Assert.That(cache.Options, Is.SameAs(options));
        Assert.That(events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
        Assert.That(File.Exists(ScriptCache.GetEntryPath(path, options)), Is.True);
    }

    [Test]
    public void Build_NoOptions_UsesTheDefaults() =>
        Assert.That(new ScriptCacheBuilder().Options, Is.SameAs(ScriptCacheOptions.Default));

    [Test]
    public void UseLoggerFactory_Miss_LoggedThroughTheFactorysLogger()
    {
        var path = _temp.Write("a.csx", "1");
        using var loggers = new ListLoggerFactory();

        new ScriptCacheBuilder(new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory })
            .UseLoggerFactory(loggers)
            .Build()
            .Load(path)
            .Dispose();

        Assert.That(loggers.Entries.Select(e => (e.Category, e.Level)), Is.EqualTo(new[] { ("RoslynBootsnap", LogLevel.Debug) }));
    }

    [Test]
    public void UseLoggerFactory_OptionsWithALogger_TheOptionsLoggerWins()
    {
        var path = _temp.Write("a.csx", "1");
        using var own = new ListLoggerFactory();
        using var host = new ListLoggerFactory();
        var options = new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory, Logger = own.CreateLogger("own") };

        new ScriptCacheBuilder(options).UseLoggerFactory(host).Build().Load(path).Dispose();

        Assert.That(own.Entries, Has.Count.EqualTo(1));
        Assert.That(host.Entries, Is.Empty);
    }

    [Test]
    public void UseMeterFactory_Load_MeasuredByAMeterOfTheFactory()
    {
        var path = _temp.Write("a.csx", "1");
        using var meters = new TestMeterFactory();

        new ScriptCacheBuilder(new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory })
            .UseMeterFactory(meters)
            .Build()
            .Load(path)
            .Dispose();

        Assert.That(meters.Meters.Select(m => m.Name), Is.EqualTo(new[] { "RoslynBootsnap" }));
    }

    [Test]
    public void UseInProcessCompiler_OptionsNameACompileServer_CompilesHereWithoutAskingIt()
    {
        var events = new EventLog();
        var path = _temp.Write("a.csx", "1");
        var options = new ScriptCacheOptions
        {
            CacheDirectory = _temp.CacheDirectory,
            OnEvent = events.Add,
            Server = new CompileServerOptions { FileName = _temp.Combine("no-such-server") },
        };

        new ScriptCacheBuilder(options).UseInProcessCompiler().Build().Load(path).Dispose();

        Assert.That(events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss }), "no server-fallback: the server was never asked");
    }

    [Test]
    public void UseRedisTier_OptionsNameNoRemote_TheTierIsComposedInFrontOfTheFiles()
    {
        var events = new EventLog();
        var path = _temp.Write("a.csx", "1");
        var options = new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory, OnEvent = events.Add };

        // No signing key: the tier is there but off, and says so before the local miss, without connecting.
        new ScriptCacheBuilder(options).UseRedisTier("redis://127.0.0.1:1").Build().Load(path).Dispose();

        Assert.That(events.Kinds, Is.EqualTo(new[] { CacheEventKind.RemoteFailed, CacheEventKind.Miss }));
        Assert.That(events.Events[0].Step, Is.EqualTo(CacheSteps.RemoteKey));
    }

    [Test]
    public void UseLocalEntriesOnly_OptionsNameARemote_NoRemoteTier()
    {
        var events = new EventLog();
        var path = _temp.Write("a.csx", "1");
        var options = new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory, OnEvent = events.Add, Fleet = { Remote = "redis://127.0.0.1:1" } };

        new ScriptCacheBuilder(options).UseLocalEntriesOnly().Build().Load(path).Dispose();
        new ScriptCacheBuilder(options with { CacheDirectory = _temp.Combine("other") }).Build().Load(path).Dispose();

        Assert.That(events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.RemoteFailed, CacheEventKind.Miss }), "the options' remote is composed only without the override");
    }

    [Test]
    public void Builder_NullArguments_Throw()
    {
        Assert.That(() => new ScriptCacheBuilder(null!), Throws.ArgumentNullException);
        Assert.That(() => new ScriptCacheBuilder().UseCompileServer(null!), Throws.ArgumentNullException);
        Assert.That(() => new ScriptCacheBuilder().UseRedisTier(null!), Throws.ArgumentNullException);
    }
}
