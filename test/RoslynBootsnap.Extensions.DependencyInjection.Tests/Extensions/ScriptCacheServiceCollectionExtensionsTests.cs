using System.Diagnostics.Metrics;
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
