using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using PluginHost;
using PluginHost.Contracts;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Samples;

/// <summary>The plugin host sample, driven through its <see cref="PluginManager"/>.</summary>
public sealed class PluginHostTests
{
    private const string Greeter = """
        sealed class Greeter : IPlugin
        {
            public string Name => "greeter";
            public string Run(PluginContext context) => "hello v1";
        }
        new Greeter()
        """;

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _log = new StringWriter();
    }

    [TearDown]
    public void TearDown()
    {
        _temp.Dispose();
        _log.Dispose();
    }

    private static string ShippedPlugins => typeof(PluginManager).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginDirectory").Value!;

    private StringWriter _log = null!;

    // Generous: a wait for a collected context ends as soon as it is collected.
    private PluginManager NewManager() => new(_temp.Combine("plugins"), _temp.CacheDirectory, _log) { UnloadTimeout = TimeSpan.FromMinutes(1) };

    [Test]
    public async Task LoadAll_ShippedPlugins_EachDoesItsWorkThenHitsOnSecondStart()
    {
        IReadOnlyList<PluginLoadReport> first, second;
        using (var manager = new PluginManager(ShippedPlugins, _temp.CacheDirectory))
        {
            first = await manager.LoadAllAsync();
        }

        using (var manager = new PluginManager(ShippedPlugins, _temp.CacheDirectory))
        {
            second = await manager.LoadAllAsync();
        }

        Assert.That(first.Select(r => r.Error), Has.All.Null);
        Assert.That(first.Select(r => r.Name), Is.EqualTo(new[] { "checksums", "inventory", "logscan", "orders", "wordstats" }));
        Assert.That(first.Select(r => r.Outcome), Has.All.EqualTo("miss"));
        Assert.That(second.Select(r => r.Outcome), Has.All.EqualTo("hit"));
        Assert.That(second.Select(r => r.Output), Is.EqualTo(first.Select(r => r.Output)));
        var outputs = first.ToDictionary(r => r.Name!, r => r.Output);
        Assert.That(outputs["inventory"], Is.EqualTo("north: 5 items worth 489.88, out of stock: hinge"));
        Assert.That(outputs["logscan"], Does.StartWith("7 requests (200x3 302x1 404x2 500x1)"));
        Assert.That(outputs["orders"], Does.StartWith("top customer Barbara (US) 1199.00"));
        Assert.That(outputs["wordstats"], Does.StartWith("38 words"));
        Assert.That(outputs["checksums"], Does.Contain("inventory.json="));
    }

    [Test]
    public async Task Reload_PluginObject_IsTheHostsContractTypeFromACollectibleContext()
    {
        var path = _temp.Write("plugins/greeter.csx", Greeter);
        using var manager = NewManager();

        var report = await manager.ReloadAsync(path);

        Assert.That(report.Error, Is.Null);
        var (implementsHostContract, collectible) = Inspect(manager);
        Assert.That(implementsHostContract, Is.True, "the script's class must implement the host's IPlugin, not a copy");
        Assert.That(collectible, Is.True);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (bool ImplementsHostContract, bool Collectible) Inspect(PluginManager manager)
    {
        var plugin = manager.Plugins.Single().Plugin;
        var type = plugin.GetType();
        return (type.GetInterfaces().Contains(typeof(IPlugin)), AssemblyLoadContext.GetLoadContext(type.Assembly)!.IsCollectible);
    }

    [Test]
    public async Task Reload_EditedPlugin_ReplacesBehaviourAndOldContextIsCollected()
    {
        var path = _temp.Write("plugins/greeter.csx", Greeter);
        using var manager = NewManager();
        var first = await manager.ReloadAsync(path);
        FileTimes.Rewrite(path, Greeter.Replace("hello v1", "hello version 2", StringComparison.Ordinal));

        var second = await manager.ReloadAsync(path);

        Assert.That(first.Output, Is.EqualTo("hello v1"));
        Assert.That(second.Outcome, Is.EqualTo("stale"));
        Assert.That(second.Output, Is.EqualTo("hello version 2"));
        Assert.That(RunSingle(manager), Is.EqualTo("hello version 2"));
        Assert.That(second.OldContext, Is.Not.Null);
        Assert.That(second.OldContextCollected, Is.True, "the old context must be collected");
        Assert.That(_log.ToString(), Is.Empty);
    }

    [Test]
    public async Task Reload_BrokenEdit_ReportsDiagnosticsAndKeepsOldPlugin()
    {
        var path = _temp.Write("plugins/greeter.csx", Greeter);
        using var manager = NewManager();
        await manager.ReloadAsync(path);
        FileTimes.Rewrite(path, Greeter.Replace("\"hello v1\"", "undefinedName", StringComparison.Ordinal));

        var broken = await manager.ReloadAsync(path);

        Assert.That(broken.Succeeded, Is.False);
        Assert.That(broken.Name, Is.EqualTo("greeter"), "the report names the plugin that keeps running");
        Assert.That(broken.Error, Does.StartWith($"{path}(4,49): error CS0103: "));
        Assert.That(broken.OldContext, Is.Null);
        Assert.That(RunSingle(manager), Is.EqualTo("hello v1"));
    }

    [Test]
    public async Task Reload_ScriptReturningNoPlugin_ReportsContractErrorAndLoadsNothing()
    {
        var path = _temp.Write("plugins/notaplugin.csx", "\"just a string\"");
        using var manager = NewManager();

        var report = await manager.ReloadAsync(path);

        Assert.That(report.Error, Does.Contain("IPlugin").And.Contain("String"));
        Assert.That(manager.Plugins, Is.Empty);
    }

    [Test]
    public async Task ApplyChanges_DeletedPlugin_UnloadsIt()
    {
        var path = _temp.Write("plugins/greeter.csx", Greeter);
        using var manager = NewManager();
        await manager.LoadAllAsync();
        File.Delete(path);

        var reports = await manager.ApplyChangesAsync([path]);

        Assert.That(reports.Single().Outcome, Is.EqualTo("removed"));
        Assert.That(manager.Plugins, Is.Empty);
        Assert.That(reports.Single().OldContextCollected, Is.True);
    }

    [Test]
    public async Task Reload_PluginLeavesProcessExitHandler_WarnsThatOldContextStaysAlive()
    {
        var leaky = "AppDomain.CurrentDomain.ProcessExit += (sender, e) => { };\n" + Greeter;
        var path = _temp.Write("plugins/greeter.csx", leaky);
        using var manager = new PluginManager(_temp.Combine("plugins"), _temp.CacheDirectory, _log) { UnloadTimeout = TimeSpan.FromSeconds(1) };
        await manager.ReloadAsync(path);
        FileTimes.Rewrite(path, leaky.Replace("hello v1", "hello v2", StringComparison.Ordinal));

        var second = await manager.ReloadAsync(path);

        Assert.That(second.Output, Is.EqualTo("hello v2"), "the new version runs all the same");
        Assert.That(second.OldContextCollected, Is.False);
        Assert.That(CliHost.LinesOf(_log.ToString()), Has.Exactly(1).StartsWith("warning: greeter: the unloaded version is still in memory"));
    }

    [Test]
    public async Task ApplyChanges_ChangedHelper_ReloadsEveryPluginWithTheNewHelper()
    {
        var helper = _temp.Write("plugins/shared/name.csx", "static string Who() => \"world\";");
        var user = Greeter.Replace("\"hello v1\"", "\"hello \" + Who()", StringComparison.Ordinal);
        var a = _temp.Write("plugins/a.csx", "#load \"shared/name.csx\"\n" + user);
        var b = _temp.Write("plugins/b.csx", Greeter.Replace("greeter", "other", StringComparison.Ordinal));
        using var manager = NewManager();
        var loaded = await manager.LoadAllAsync();
        FileTimes.Rewrite(helper, "static string Who() => \"everyone\";");

        var reports = await manager.ApplyChangesAsync([helper]);

        Assert.That(loaded.First(r => r.Path == a).Output, Is.EqualTo("hello world"));
        Assert.That(reports.Select(r => r.Path), Is.EqualTo(new[] { a, b }));
        Assert.That(reports.Select(r => r.Name), Is.EqualTo(new[] { "greeter", "other" }));
        Assert.That(reports.Select(r => r.Outcome), Is.EqualTo(new[] { "stale", "hit" }), "only the plugin that #loads the helper is recompiled");
        Assert.That(reports.First(r => r.Path == a).Output, Is.EqualTo("hello everyone"));
    }

    [Test]
    public void Watcher_BurstOfSaves_DeliversTheChangedPlugin()
    {
        var path = _temp.Write("plugins/greeter.csx", Greeter);
        var delivered = new TaskCompletionSource<IReadOnlyCollection<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new PluginWatcher(_temp.Combine("plugins"), TimeSpan.FromMilliseconds(50), batch =>
        {
            delivered.TrySetResult(batch);
            return Task.CompletedTask;
        });

        for (var i = 0; i < 3; i++)
        {
            File.AppendAllText(path, $"\n// save {i}");
        }

        Assert.That(delivered.Task.Wait(TimeSpan.FromMinutes(1)), Is.True, "no change was delivered");
        Assert.That(delivered.Task.Result, Is.EqualTo(new[] { path }), "a burst is one entry per file");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private string RunSingle(PluginManager manager) =>
        manager.Plugins.Single().Plugin.Run(new PluginContext(_temp.Path));
}
