using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary>A temp dir with a cache of real entries, written through <c>roslyn-bootsnap precompile</c>.</summary>
internal sealed class MaintenanceFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public string CacheDirectory => _temp.CacheDirectory;

    public string Path => _temp.Path;

    /// <summary>Writes scripts and precompiles them; returns their full paths.</summary>
    public IReadOnlyList<string> Cached(params string[] names)
    {
        var paths = names.Select(n => _temp.Write(n, $"\"{n}\"")).ToList();
        var result = Cli(["precompile", .. paths]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return paths;
    }

    public string EntryOf(string script) => CachePath.GetEntryPath(CacheDirectory, script);

    public ProcessResult Cli(params string[] arguments) => CliHost.Run(_temp.Path, [.. arguments, "--cache-dir", CacheDirectory]);

    public void Dispose() => _temp.Dispose();
}
