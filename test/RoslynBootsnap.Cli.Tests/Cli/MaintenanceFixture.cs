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

    public string EntryOf(string script) => ScriptCache.GetEntryPath(script, RoslynBootsnap.Cli.CliScriptOptions.Create(new RoslynBootsnap.Cli.RunSettings { CacheDirectory = CacheDirectory }));

    public ProcessResult Cli(params string[] arguments) => CliHost.Run(_temp.Path, [.. arguments, "--cache-dir", CacheDirectory]);

    /// <summary>
    /// Makes the cache dir shared (mode 0777) and has another user replace the shard of <paramref name="script"/>'s
    /// entry with a symbolic link to a victim's directory, which holds a document, an old temp-looking file and an
    /// entry-looking file, all last used two months ago. Returns the victim's directory.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public string PlantShardLinkAsOtherUser(string script)
    {
        var victim = _temp.Combine("victim");
        Directory.CreateDirectory(victim);
        var old = DateTime.UtcNow.AddDays(-60);
        foreach (var (name, text) in new[] { ("thesis.txt", "years of work"), ("draft.tmp.0123456789abcdef", "notes"), ("0123456789abcd", "not an entry") })
        {
            var file = System.IO.Path.Join(victim, name);
            File.WriteAllText(file, text);
            File.SetLastWriteTimeUtc(file, old);
            File.SetLastAccessTimeUtc(file, old);
        }

        var shardPath = System.IO.Path.GetDirectoryName(EntryOf(script))!;
        var space = System.IO.Path.GetDirectoryName(shardPath)!;
        OtherUser.ShareDirectory(_temp.Path, CacheDirectory);
        OtherUser.ShareDirectory(_temp.Path, space);
        var shard = System.IO.Path.GetFileName(shardPath);
        OtherUser.Shell(space, $"mv {shard} moved-away && ln -s '{victim}' {shard}");
        Assert.That(new DirectoryInfo(shardPath).LinkTarget, Is.EqualTo(victim));
        return victim;
    }

    /// <summary>Every file in a directory with its content and write time, to prove that nothing changed.</summary>
    public static IReadOnlyDictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory).Order(StringComparer.Ordinal).ToDictionary(
            f => f,
            f => $"{File.ReadAllText(f)} @ {File.GetLastWriteTimeUtc(f):O}");

    public void Dispose() => _temp.Dispose();
}
