using System.Text.Json;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

[Category("Process")]
public sealed class StatsCommandTests
{
    [Test]
    public void Stats_Json_CountsEntriesBytesOrphansAndUnreadable()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx", "b.csx", "c.csx");
        File.Delete(scripts[0]);
        File.WriteAllBytes(cache.EntryOf(scripts[1]), new byte[10]);
        var expectedBytes = scripts.Sum(s => new FileInfo(cache.EntryOf(s)).Length);

        var result = cache.Cli("stats", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.That(root.GetProperty("entries").GetInt32(), Is.EqualTo(3));
        Assert.That(root.GetProperty("bytes").GetInt64(), Is.EqualTo(expectedBytes));
        Assert.That(root.GetProperty("valid").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("orphaned").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("unreadable").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("newest").GetProperty("entry").GetString(), Does.StartWith(cache.CacheDirectory));
        Assert.That(root.GetProperty("oldest").ValueKind, Is.EqualTo(JsonValueKind.Object));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Stats_ShardSwappedForLinkByOtherUser_CountsTheLinkAndReadsNothingBehindIt()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to plant the link as another user.");
        }

        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx", "b.csx", "c.csx");
        var linkedShard = Path.GetDirectoryName(cache.EntryOf(scripts[0]));
        var outside = scripts.Count(s => Path.GetDirectoryName(cache.EntryOf(s)) != linkedShard);
        var victim = cache.PlantShardLinkAsOtherUser(scripts[0]);
        File.SetLastAccessTimeUtc(Path.Join(victim, "thesis.txt"), DateTime.UnixEpoch.AddDays(1));

        var result = cache.Cli("stats", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.That(root.GetProperty("symbolicLinks").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("entries").GetInt32(), Is.EqualTo(outside), "nothing behind the link counts");
        Assert.That(root.GetProperty("unreadable").GetInt32(), Is.Zero);
        Assert.That(File.GetLastAccessTimeUtc(Path.Join(victim, "thesis.txt")), Is.EqualTo(DateTime.UnixEpoch.AddDays(1)), "never read");
    }

    [Test]
    public void Stats_HostsWithDifferentOptions_ListsEachNamespace()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx", "b.csx");
        ScriptCache.Precompile(scripts[0], new ScriptCacheOptions { CacheDirectory = cache.CacheDirectory, Optimize = true });

        var result = cache.Cli("stats", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var namespaces = json.RootElement.GetProperty("namespaces").EnumerateArray().ToList();
        Assert.That(namespaces.Select(n => n.GetProperty("entries").GetInt32()), Is.EquivalentTo(new[] { 2, 1 }));
        Assert.That(json.RootElement.GetProperty("entries").GetInt32(), Is.EqualTo(3));
        var cliNamespace = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(cache.EntryOf(scripts[0]))));
        Assert.That(namespaces.Select(n => n.GetProperty("name").GetString()), Does.Contain(cliNamespace));

        var text = cache.Cli("stats");
        Assert.That(text.StandardOutput, Does.Contain($"this platform, this runtime, run's options ({cliNamespace}): 2 entries ("));
        Assert.That(text.StandardOutput, Does.Contain("this platform, this runtime, other compile options ("));
    }

    [Test]
    public void Stats_Text_NamesCacheAndCounts()
    {
        using var cache = new MaintenanceFixture();
        cache.Cached("a.csx");

        var result = cache.Cli("stats");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain($"cache:      {cache.CacheDirectory}").And.Contain("entries:    1 (").And.Contain("orphaned:   0"));
        Assert.That(result.StandardOutput, Does.Contain(" 1 entry (").And.Not.Contain(" 1 entries"), "the namespace's line");
    }

    [Test]
    public void Stats_CacheDirMissing_SaysSoWithZeroEntries()
    {
        using var cache = new MaintenanceFixture();

        var result = cache.Cli("stats", "--json");
        var text = cache.Cli("stats");

        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.That(json.RootElement.GetProperty("entries").GetInt32(), Is.Zero);
        Assert.That(json.RootElement.GetProperty("exists").GetBoolean(), Is.False);
        Assert.That(json.RootElement.GetProperty("oldest").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(result.StandardError, Does.Contain($"the cache dir '{cache.CacheDirectory}' does not exist"));
        Assert.That(text.StandardOutput, Does.Contain($"cache:      {cache.CacheDirectory} (does not exist)"));
    }
}
