using BenchmarkDotNet.Attributes;

namespace RoslynBootsnap.Benchmarks;

/// <summary>
/// A real <see cref="ScriptCache.Load(string, ScriptCacheOptions)"/> hit: validation, a new collectible context,
/// the image loaded, then unloaded. Few invocations per iteration and a collection after each, because unloaded
/// contexts only go away in a GC and thousands of them pending would slow every new one. Not sealed:
/// BenchmarkDotNet derives from it.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(256)]
public class LoadBenchmarks
{
    private BenchmarkScripts _scripts = null!;

    /// <summary>Writes the entry.</summary>
    [GlobalSetup]
    public void Setup() => _scripts = new BenchmarkScripts();

    /// <summary>Removes the temp dir.</summary>
    [GlobalCleanup]
    public void Cleanup() => _scripts.Dispose();

    /// <summary>Lets the unloaded contexts go before the next iteration.</summary>
    [IterationCleanup]
    public void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Load, then unload.</summary>
    [Benchmark]
    public bool ScriptCacheLoadHit()
    {
        using var script = ScriptCache.Load(_scripts.ScriptPath, _scripts.Options);
        return script.IsUnloaded;
    }
}
