using BenchmarkDotNet.Attributes;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Composition;

namespace RoslynBootsnap.Benchmarks;

/// <summary>
/// A whole fetch by the engine alone (no compiler, no loader), on a hit and on a revalidation. Not sealed:
/// BenchmarkDotNet derives from it.
/// </summary>
[MemoryDiagnoser]
public class FetchBenchmarks
{
    private BenchmarkScripts _scripts = null!;
    private CompileCache<byte[]> _engine = null!;
    private long _touchTicks;

    /// <summary>Full reads and hashes the script on every hit; Fast trusts an unchanged size and mtime.</summary>
    [Params(ValidationMode.Full, ValidationMode.Fast)]
    public ValidationMode Validation { get; set; }

    /// <summary>Writes both entries: the engine's and the real one.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _scripts = new BenchmarkScripts();
        _engine = ScriptCacheBuilder.Compose(Path.Join(_scripts.Root, "engine-cache"), new PassThroughHandler(), new EngineSettings { Validation = Validation });
        _engine.Fetch(_scripts.ScriptPath);
        _touchTicks = File.GetLastWriteTimeUtc(_scripts.ScriptPath).Ticks;
    }

    /// <summary>Removes the temp dir.</summary>
    [GlobalCleanup]
    public void Cleanup() => _scripts.Dispose();

    /// <summary>The engine serves a current entry.</summary>
    [Benchmark(Baseline = true)]
    public int FetchHit() => _engine.Fetch(_scripts.ScriptPath).Length;

    /// <summary>
    /// The script's mtime moved, its content did not: the engine hashes it, serves the entry and rewrites it
    /// by rename. Includes the one <c>utimensat</c> that moves the mtime.
    /// </summary>
    [Benchmark]
    public int Revalidation()
    {
        _touchTicks += TimeSpan.TicksPerSecond;
        File.SetLastWriteTimeUtc(_scripts.ScriptPath, new DateTime(_touchTicks, DateTimeKind.Utc));
        return _engine.Fetch(_scripts.ScriptPath).Length;
    }
}
