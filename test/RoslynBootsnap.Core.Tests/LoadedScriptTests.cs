using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
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

    [Test]
    public void Unload_ScriptThatLeavesNothingBehind_ContextCollected()
    {
        var unload = LoadRunAndUnload("var numbers = new List<int> { 1, 2, 3 };\nnumbers.Sum()");

        // Generous: it only runs out when the context is never collected, which fails the test anyway.
        Assert.That(unload.WaitForUnload(TimeSpan.FromMinutes(1)), Is.True);
        Assert.That(unload.IsCollected, Is.True);
    }

    [Test]
    public void Unload_Twice_SameHandleStillAnswers()
    {
        var (first, second) = UnloadTwice("1");

        Assert.That(second, Is.SameAs(first));
        Assert.That(second.WaitForUnload(TimeSpan.FromMinutes(1)), Is.True);
    }

    [Test]
    public void Unload_ScriptRegisteredProcessExitHandler_ContextStaysAlive()
    {
        var unload = LoadRunAndUnload("AppDomain.CurrentDomain.ProcessExit += (sender, e) => { };");

        // A bounded wait for a negative answer: the handler holds the context for the life of the process.
        Assert.That(unload.WaitForUnload(TimeSpan.FromSeconds(1)), Is.False);
        Assert.That(unload.IsCollected, Is.False);
    }

    [Test]
    public void Unload_ScriptSubscribedToHostStaticEvent_AliveUntilHostDropsTheHandler()
    {
        var unload = LoadRunAndUnload(
            $"{typeof(HostEvents).FullName}.Changed += (sender, e) => {{ }};",
            typeof(HostEvents),
            new HostEvents());

        var whileSubscribed = unload.WaitForUnload(TimeSpan.FromSeconds(1));
        HostEvents.DropHandlers();
        var afterDropped = unload.WaitForUnload(TimeSpan.FromMinutes(1));

        Assert.That(whileSubscribed, Is.False);
        Assert.That(afterDropped, Is.True);
    }

    [Test]
    public void WaitForUnload_NegativeTimeout_Throws()
    {
        var unload = LoadRunAndUnload("1");

        Assert.Throws<ArgumentOutOfRangeException>(() => unload.WaitForUnload(TimeSpan.FromSeconds(-1)));
    }

    [Test]
    public async Task RunAsync_HostCodeResolvesByName_FindsScriptPrivateAssembly()
    {
        // Host code (the globals, a serializer in the default context) resolving a name while the script runs:
        // only the contextual reflection context points it at the script's private copy.
        var dll = _temp.Combine("lib", "Private.Lib.dll");
        AssemblyBuilder.Build(dll, "Private.Lib", "namespace Private.Lib { public sealed class Marker { } }");
        using var script = Load(
            "#r \"lib/Private.Lib.dll\"\n"
            + "var byType = Resolver.FindType(\"Private.Lib.Marker, Private.Lib\");\n"
            + "var byAssembly = Resolver.LoadAssembly(\"Private.Lib\");\n"
            + "byType == typeof(Private.Lib.Marker) && byAssembly == typeof(Private.Lib.Marker).Assembly",
            typeof(ReflectionGlobals));

        var found = await script.RunAsync(new ReflectionGlobals());

        Assert.That(found, Is.True);
    }

    [Test]
    public async Task RunAsync_DuringRun_ContextualReflectionIsScriptContextThenRestored()
    {
        using var script = Load(
            "class Marker { }\n"
            + "System.Runtime.Loader.AssemblyLoadContext.CurrentContextualReflectionContext"
            + " == System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(Marker).Assembly)");
        var before = AssemblyLoadContext.CurrentContextualReflectionContext;

        var during = await script.RunAsync();

        Assert.That(during, Is.True);
        Assert.That(AssemblyLoadContext.CurrentContextualReflectionContext, Is.SameAs(before));
    }

    // Kept apart and never inlined, so that no local of the test method refers to the script.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ScriptUnload LoadRunAndUnload(string code, Type? globalsType = null, object? globals = null)
    {
        var script = Load(code, globalsType);
        script.RunAsync(globals).GetAwaiter().GetResult();
        return script.Unload();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private (ScriptUnload First, ScriptUnload Second) UnloadTwice(string code)
    {
        var script = Load(code);
        script.RunAsync().GetAwaiter().GetResult();
        return (script.Unload(), script.Unload());
    }
}

/// <summary>A host type with a static event, which keeps every subscriber's context alive.</summary>
public sealed class HostEvents
{
    public static event EventHandler? Changed;

    public static void DropHandlers() => Changed = null;

    public static void Raise() => Changed?.Invoke(null, EventArgs.Empty);
}

/// <summary>Globals whose methods resolve names from host code, as a serializer in the default context does.</summary>
public sealed class ReflectionGlobals
{
    public ReflectionResolver Resolver { get; } = new();
}

/// <summary>Name lookups made by code in the default context.</summary>
public sealed class ReflectionResolver
{
    public Type? FindType(string name) => Type.GetType(name);

    public Assembly LoadAssembly(string name) => Assembly.Load(name);
}
