using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>
/// One composition root: no type of the shipped assemblies but <see cref="ScriptCacheBuilder"/> constructs the
/// engine, so every cache gets its store, tiers and compile strategy from the same place.
/// </summary>
public sealed class CompositionRootTests
{
    private const string Engine = "RoslynBootsnap.Caching.CompileCache`1";

    private static readonly string[] Root = ["RoslynBootsnap.ScriptCacheBuilder"];

    [TestCase(typeof(ScriptCache), TestName = "EngineConstructions_InTheCore_AreOnlyTheBuilders")]
    [TestCase(typeof(global::RoslynBootsnap.Compiling.RoslynScriptCompiler), TestName = "EngineConstructions_InTheLibrary_AreOnlyTheBuilders")]
    [TestCase(typeof(global::RoslynBootsnap.Caching.Remote.RedisStoreProvider), TestName = "EngineConstructions_InTheRedisPart_AreOnlyTheBuilders")]
    [TestCase(typeof(global::Microsoft.Extensions.DependencyInjection.ScriptCacheServiceCollectionExtensions), TestName = "EngineConstructions_InTheDependencyInjectionPart_AreOnlyTheBuilders")]
    [TestCase(typeof(global::RoslynBootsnap.Cli.ExitCodes), TestName = "EngineConstructions_InTheCommandLine_AreOnlyTheBuilders")]
    public void EngineConstructions_InEachAssembly_AreOnlyTheBuilders(Type inAssembly) =>
        Assert.That(ConstructionFinder.Find(inAssembly.Assembly.Location, Engine, Root), Is.Empty);

    [Test]
    public void EngineConstructions_InTheCore_IncludeTheBuilders() =>
        Assert.That(ConstructionFinder.Find(typeof(ScriptCache).Assembly.Location, Engine, []), Is.EqualTo(new[] { "RoslynBootsnap.ScriptCacheBuilder.Compose" }));

    [Test]
    public void Find_AssemblyConstructingTheEngineInEachWay_NamesEveryConstructionOutsideTheRoot()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("Constructs.dll");
        TestAssembly.Build(path, """
            namespace RoslynBootsnap.Caching
            {
                public sealed class CompileCache<T> { }
                public sealed class Other<T> { }
            }

            namespace RoslynBootsnap
            {
                using RoslynBootsnap.Caching;

                public sealed class ScriptCacheBuilder { public object Compose() => new CompileCache<string>(); }
                public static class Direct { public static object Make() => new CompileCache<int>(); }
                public static class Open { public static object Make<T>() => new CompileCache<T>(); }
                public static class Lambda { public static System.Func<object> Make() => () => new CompileCache<string>(); }
                public static class Clean { public static object Make() => new Other<string>(); }
            }
            """);

        var found = ConstructionFinder.Find(path, "RoslynBootsnap.Caching.CompileCache`1", ["RoslynBootsnap.ScriptCacheBuilder"]);

        Assert.That(found, Has.Some.EqualTo("RoslynBootsnap.Direct.Make"));
        Assert.That(found, Has.Some.EqualTo("RoslynBootsnap.Open.Make"));
        Assert.That(found, Has.Some.StartWith("RoslynBootsnap.Lambda+"));
        Assert.That(found, Has.None.Contain("Clean"));
        Assert.That(found, Has.None.Contain("ScriptCacheBuilder"));
    }
}
