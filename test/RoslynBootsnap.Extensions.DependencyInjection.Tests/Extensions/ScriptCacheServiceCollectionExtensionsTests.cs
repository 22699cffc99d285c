using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Extensions;

public sealed class ScriptCacheServiceCollectionExtensionsTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task AddScriptCache_WithOptions_ResolvesOneSingletonThatLoads()
    {
        var events = new EventLog();
        var options = new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory, OnEvent = events.Add };
        var path = _temp.Write("a.csx", "6 * 7");
        using var provider = new ServiceCollection().AddScriptCache(options).BuildServiceProvider();

        var cache = provider.GetRequiredService<ICompiledScriptCache>();
        using (var script = await cache.LoadAsync(path))
        {
            Assert.That(await script.RunAsync(), Is.EqualTo(42));
        }

        Assert.That(provider.GetRequiredService<CompiledScriptCache>(), Is.SameAs(cache));
        Assert.That(provider.GetRequiredService<ICompiledScriptCache>(), Is.SameAs(cache));
        Assert.That(((CompiledScriptCache)cache).Options, Is.SameAs(options));
        Assert.That(events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss }));
    }

    [Test]
    public void AddScriptCache_OptionsBoundFromConfiguration_CacheHasThemFrozen()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ScriptCache:CacheDirectory"] = _temp.CacheDirectory,
            ["ScriptCache:Optimize"] = "true",
            ["ScriptCache:Imports:0"] = "System.Xml",
            ["ScriptCache:Packages:Enabled"] = "false",
            ["ScriptCache:Packages:RefreshInterval"] = "00:05:00",
            ["ScriptCache:Fleet:BaseDirectory"] = "/srv/app",
            ["ScriptCache:Fleet:RemoteReadOnly"] = "true",
            ["ScriptCache:Trust:Owners:0"] = "1001",
            ["ScriptCache:Trust:Validation"] = "Fast",
            ["ScriptCache:Server:FileName"] = "roslyn-bootsnap",
            ["ScriptCache:Server:Arguments:0"] = "server",
        }).Build();
        using var provider = new ServiceCollection()
            .Configure<ScriptCacheOptions>(configuration.GetSection("ScriptCache"))
            .Configure<ScriptCacheOptions>(o => o.Name = "bound")
            .AddScriptCache()
            .BuildServiceProvider();

        var options = provider.GetRequiredService<CompiledScriptCache>().Options;

        Assert.Multiple(() =>
        {
            Assert.That(options.CacheDirectory, Is.EqualTo(_temp.CacheDirectory));
            Assert.That(options.Optimize, Is.True);
            Assert.That(options.Imports, Is.EqualTo(new[] { "System.Xml" }));
            Assert.That(options.Name, Is.EqualTo("bound"));
            Assert.That(options.Packages.Enabled, Is.False);
            Assert.That(options.Packages.RefreshInterval, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(options.Fleet.BaseDirectory, Is.EqualTo("/srv/app"));
            Assert.That(options.Fleet.RemoteReadOnly, Is.True);
            Assert.That(options.Trust.Owners, Is.EqualTo(new[] { 1001 }));
            Assert.That(options.Trust.Validation, Is.EqualTo(ValidationMode.Fast));
            Assert.That(options.Server?.FileName, Is.EqualTo("roslyn-bootsnap"));
            Assert.That(options.Server?.Arguments, Is.EqualTo(new[] { "server" }));
            Assert.Throws<InvalidOperationException>(() => options.Optimize = false, "the cache froze the options it was given");
        });
    }

    [Test]
    public void AddScriptCache_WithFactory_BuildsOptionsFromOtherServicesOnce()
    {
        var calls = 0;
        var services = new ServiceCollection()
            .AddSingleton(new EventLog())
            .AddScriptCache(provider =>
            {
                calls++;
                return new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory, OnEvent = provider.GetRequiredService<EventLog>().Add };
            });
        var path = _temp.Write("a.csx", "1");
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ICompiledScriptCache>().Load(path).Dispose();
        provider.GetRequiredService<ICompiledScriptCache>().Load(path).Dispose();

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(provider.GetRequiredService<EventLog>().Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    public void AddScriptCache_WithoutOptions_UsesRegisteredOptionsElseTheDefaults()
    {
        var registered = new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory };
        using var withOptions = new ServiceCollection().AddSingleton(Options.Create(registered)).AddScriptCache().BuildServiceProvider();
        using var withNone = new ServiceCollection().AddScriptCache().BuildServiceProvider();

        Assert.That(withOptions.GetRequiredService<CompiledScriptCache>().Options, Is.SameAs(registered));
        Assert.That(withNone.GetRequiredService<CompiledScriptCache>().Options, Is.EqualTo(new ScriptCacheOptions()));
    }

    [Test]
    public void AddScriptCache_CalledTwice_KeepsOneRegistration()
    {
        var services = new ServiceCollection().AddScriptCache().AddScriptCache();

        Assert.That(services.Count(d => d.ServiceType == typeof(ICompiledScriptCache)), Is.EqualTo(1));
        Assert.That(services.Count(d => d.ServiceType == typeof(CompiledScriptCache)), Is.EqualTo(1));
    }

    [Test]
    public void AddScriptCache_ContainerWithLoggerAndMeterFactories_UsesBoth()
    {
        var path = _temp.Write("a.csx", "1");
        using var loggers = new ListLoggerFactory();
        using var meters = new TestMeterFactory();
        using var provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(loggers)
            .AddSingleton<IMeterFactory>(meters)
            .AddScriptCache(new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory })
            .BuildServiceProvider();

        provider.GetRequiredService<ICompiledScriptCache>().Load(path).Dispose();

        Assert.That(loggers.Entries.Select(e => (e.Category, e.Level)), Is.EqualTo(new[] { ("RoslynBootsnap", LogLevel.Debug) }));
        Assert.That(meters.Meters.Select(m => m.Name), Is.EqualTo(new[] { "RoslynBootsnap" }));
    }

    [Test]
    public void AddScriptCache_NullArguments_Throw()
    {
        Assert.That(() => ((IServiceCollection)null!).AddScriptCache(), Throws.ArgumentNullException);
        Assert.That(() => new ServiceCollection().AddScriptCache((ScriptCacheOptions)null!), Throws.ArgumentNullException);
        Assert.That(() => new ServiceCollection().AddScriptCache((Func<IServiceProvider, ScriptCacheOptions>)null!), Throws.ArgumentNullException);
    }
}
