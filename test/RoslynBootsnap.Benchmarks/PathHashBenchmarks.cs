using BenchmarkDotNet.Attributes;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Benchmarks;

/// <summary>Mapping a script path to its entry path: done once per load. Not sealed: BenchmarkDotNet derives from it.</summary>
[MemoryDiagnoser]
public class PathHashBenchmarks
{
    private const string ScriptPath = "/home/someone/projects/automation/scripts/deploy/rollout-canary.csx";

    /// <summary>FNV-1a-64 of the UTF-8 path.</summary>
    [Benchmark]
    public ulong PathHash() => CachePath.HashPath(ScriptPath);

    /// <summary>The hash formatted as <c>cache/xx/yyyyyyyyyyyyyy</c>.</summary>
    [Benchmark]
    public string EntryPath() => CachePath.GetEntryPath("/home/someone/.cache/roslyn-bootsnap", ScriptPath);
}
