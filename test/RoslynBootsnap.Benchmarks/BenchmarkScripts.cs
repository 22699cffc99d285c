namespace RoslynBootsnap.Benchmarks;

/// <summary>
/// A temp dir holding a small script, a file it <c>#load</c>s and a cache with a real entry for the script,
/// written by the real compiler: the benchmarks measure the bytes a warm start really reads.
/// </summary>
internal sealed class BenchmarkScripts : IDisposable
{
    public BenchmarkScripts()
    {
        Root = Directory.CreateTempSubdirectory("roslyn-bootsnap-bench-").FullName;
        CacheDirectory = Path.Join(Root, "cache");
        File.WriteAllText(Path.Join(Root, "shared.csx"), "static int Twice(int x) => x * 2;\n");
        ScriptPath = Path.Join(Root, "main.csx");
        File.WriteAllText(ScriptPath, "#load \"shared.csx\"\nvar items = Enumerable.Range(1, 10).Select(Twice).ToList();\nitems.Sum()\n");
        Options = new ScriptCacheOptions { CacheDirectory = CacheDirectory };
        if (!ScriptCache.Precompile(ScriptPath, Options))
        {
            throw new InvalidOperationException("The benchmark entry could not be written.");
        }
    }

    public string Root { get; }

    public string CacheDirectory { get; }

    public string ScriptPath { get; }

    public ScriptCacheOptions Options { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
