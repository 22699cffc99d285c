using Microsoft.Extensions.DependencyInjection;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Extensions;

/// <summary><c>services.AddRoslynBootsnap()</c> and the parts that add themselves on the builder it returns.</summary>
public sealed class AddRoslynBootsnapTests
{
    private const string Key = "di-signing-key-0123456789";

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void AddRoslynBootsnap_WithOptions_ResolvesOneSingletonAsBothServices()
    {
        var options = new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory };
        var services = new ServiceCollection();

        var builder = services.AddRoslynBootsnap(options);
        using var provider = services.BuildServiceProvider();

        Assert.That(builder.Services, Is.SameAs(services));
        Assert.That(provider.GetRequiredService<CompiledScriptCache>().Options, Is.SameAs(options));
        Assert.That(provider.GetRequiredService<ICompiledScriptCache>(), Is.SameAs(provider.GetRequiredService<CompiledScriptCache>()));
    }

    [Test]
    public void Configure_StepsFromEveryRegistration_AppliedInOrderToTheOneBuilder()
    {
        var options = new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory };
        var services = new ServiceCollection().AddSingleton(new List<string>());
        services.AddRoslynBootsnap(options).Configure((p, b) => p.GetRequiredService<List<string>>().Add("first:" + (b.Options == options)));
        services.AddRoslynBootsnap().Configure((p, _) => p.GetRequiredService<List<string>>().Add("second"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ICompiledScriptCache>();
        provider.GetRequiredService<CompiledScriptCache>();

        Assert.That(provider.GetRequiredService<List<string>>(), Is.EqualTo(new[] { "first:True", "second" }));
    }

    [Test]
    public void Configure_InProcessCompiler_OverridesTheOptionsServer()
    {
        var events = new EventLog();
        var path = _temp.Write("a.csx", "1");
        var options = new ScriptCacheOptions
        {
            CacheDirectory = _temp.CacheDirectory,
            OnEvent = events.Add,
            Server = new CompileServerOptions { FileName = _temp.Combine("no-such-server") },
        };
        var services = new ServiceCollection();
        services.AddRoslynBootsnap(options).Configure((_, b) => b.UseInProcessCompiler());
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ICompiledScriptCache>().Load(path).Dispose();

        Assert.That(events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss }));
    }

    [Test]
    public void AddRoslynBootsnap_NullArguments_Throw()
    {
        Assert.That(() => ((IServiceCollection)null!).AddRoslynBootsnap(), Throws.ArgumentNullException);
        Assert.That(() => new ServiceCollection().AddRoslynBootsnap((ScriptCacheOptions)null!), Throws.ArgumentNullException);
        Assert.That(() => new ServiceCollection().AddRoslynBootsnap((Func<IServiceProvider, ScriptCacheOptions>)null!), Throws.ArgumentNullException);
        Assert.That(() => new ServiceCollection().AddRoslynBootsnap().Configure(null!), Throws.ArgumentNullException);
        Assert.That(() => new ServiceCollection().AddRoslynBootsnap().AddRedisTier(" "), Throws.ArgumentException);
    }

    [Test]
    [Category("Process")]
    public void AddRedisTier_TwoHostsAtDifferentCacheDirectories_SecondTakesTheFirstsCompile()
    {
        using var redis = RedisServer.Start();
        var path = _temp.Write("a.csx", "6 * 7");
        using var first = Host(redis, "first", out var firstEvents);
        using var second = Host(redis, "second", out var secondEvents);

        first.GetRequiredService<ICompiledScriptCache>().Load(path).Dispose();
        using var script = second.GetRequiredService<ICompiledScriptCache>().Load(path);

        Assert.That(firstEvents.Kinds, Is.EqualTo(new[] { CacheEventKind.RemoteMiss, CacheEventKind.Miss }));
        Assert.That(secondEvents.Kinds, Is.EqualTo(new[] { CacheEventKind.RemoteHit }), "the second host compiled nothing");
    }

    private ServiceProvider Host(RedisServer redis, string name, out EventLog events)
    {
        events = new EventLog();
        var options = new ScriptCacheOptions { CacheDirectory = _temp.Combine(name), Fleet = { RemoteKey = Key }, OnEvent = events.Add };
        var services = new ServiceCollection();
        services.AddRoslynBootsnap(options).AddRedisTier(redis.Url);
        return services.BuildServiceProvider();
    }
}
