using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

public sealed class LoadedScriptTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private LoadedScript Load(string code, Type? globalsType = null) =>
        ScriptCache.Load(_temp.Write("s.csx", code), new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory, GlobalsType = globalsType });

    [Test]
    public async Task RunAsync_Twice_EachRunStartsFresh()
    {
        using var script = Load("static int counter;\ncounter++;\nvar local = 1;\nlocal");

        Assert.That(await script.RunAsync(), Is.EqualTo(1));
        Assert.That(await script.RunAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_NoFinalExpression_Null()
    {
        using var script = Load("var x = 1;");

        Assert.That(await script.RunAsync(), Is.Null);
    }

    [Test]
    public async Task RunAsync_AwaitingScript_ReturnsAwaitedValue()
    {
        using var script = Load("await Task.Delay(1);\n\"done\"");

        Assert.That(await script.RunAsync(), Is.EqualTo("done"));
    }

    [Test]
    [Category("Reliability")]
    public void RunAsync_GlobalsOfWrongType_ArgumentException()
    {
        using var script = Load("Count", typeof(TestGlobals));

        var error = Assert.ThrowsAsync<ArgumentException>(() => script.RunAsync("not globals"));

        Assert.That(error!.Message, Does.Contain(nameof(TestGlobals)).And.Contain("System.String"));
        ScriptCacheTests.AssertCleanError(error, _temp.Combine("s.csx"), "a globals object of the wrong type");
    }

    [Test]
    public void RunAsync_MissingGlobals_ArgumentException()
    {
        using var script = Load("Count", typeof(TestGlobals));

        Assert.ThrowsAsync<ArgumentException>(() => script.RunAsync());
    }

    [Test]
    public void RunAsync_GlobalsWithoutGlobalsType_ArgumentException()
    {
        using var script = Load("1");

        Assert.ThrowsAsync<ArgumentException>(() => script.RunAsync(new TestGlobals()));
    }

    [Test]
    public async Task RunAsync_GlobalsObjectReturned_KeepsTypeIdentity()
    {
        using var script = Load("Self", typeof(TestGlobals));
        var globals = new TestGlobals();

        var result = await script.RunAsync(globals);

        Assert.That(result, Is.SameAs(globals));
    }

    [Test]
    public void RunAsync_CanceledToken_Throws()
    {
        using var script = Load("1");

        Assert.That(async () => await script.RunAsync(cancellationToken: new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Unload_ThenRun_ObjectDisposed()
    {
        var script = Load("1");

        script.Unload();
        script.Unload();

        Assert.That(script.IsUnloaded, Is.True);
        Assert.ThrowsAsync<ObjectDisposedException>(() => script.RunAsync());
        Assert.Throws<ObjectDisposedException>(() => _ = script.Assembly);
    }

    [Test]
    public void Assembly_LoadedIntoOwnCollectibleContext()
    {
        using var first = Load("1");
        using var second = ScriptCache.Load(_temp.Write("t.csx", "2"), new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory });

        var firstContext = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(first.Assembly);
        var secondContext = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(second.Assembly);

        Assert.That(firstContext, Is.Not.SameAs(secondContext));
        Assert.That(firstContext!.IsCollectible, Is.True);
    }
}
