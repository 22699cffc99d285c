using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

[Category("Process")]
public sealed class CleanCommandTests
{
    private static void LastUsed(MaintenanceFixture cache, string script, int daysAgo) =>
        File.SetLastAccessTimeUtc(cache.EntryOf(script), DateTime.UtcNow.AddDays(-daysAgo));

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Clean_ShardSwappedForLinkByOtherUser_NothingOutsideTheCacheChangesOrIsListed()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to plant the link as another user.");
        }

        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx");
        var victim = cache.PlantShardLinkAsOtherUser(scripts[0]);
        var before = MaintenanceFixture.Snapshot(victim);

        var dryRun = cache.Cli("clean", "--dry-run", "--older-than", "30d");
        var clean = cache.Cli("clean");
        var aggressive = cache.Cli("clean", "--older-than", "0s", "--max-size", "0", "--orphans");

        Assert.That(MaintenanceFixture.Snapshot(victim), Is.EqualTo(before));
        foreach (var result in new[] { dryRun, clean, aggressive })
        {
            Assert.That(result.StandardOutput, Does.Not.Contain(victim).And.Not.Contain("thesis").And.Not.Contain("draft"), result.ToString());
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
        }
    }

    [Test]
    public void Clean_NamespaceUnusedForAWhile_RemovedWithItsEntriesOthersKept()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx");
        var optimized = new ScriptCacheOptions { CacheDirectory = cache.CacheDirectory, Optimize = true };
        ScriptCache.Precompile(scripts[0], optimized);
        var unused = ScriptCache.GetEntryPath(scripts[0], optimized);
        File.SetLastAccessTimeUtc(unused, DateTime.UtcNow.AddDays(-45));
        var unusedNamespace = Path.GetDirectoryName(Path.GetDirectoryName(unused))!;

        var result = cache.Cli("clean", "--older-than", "30d");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Directory.Exists(unusedNamespace), Is.False, "an emptied namespace goes with its last entry");
        Assert.That(File.Exists(cache.EntryOf(scripts[0])), Is.True);
        Assert.That(result.StandardOutput, Does.Contain("1 entries kept"));
    }

    [Test]
    public void Clean_MaxSize_LeastRecentlyUsedAcrossNamespaces()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx", "b.csx");
        var optimized = new ScriptCacheOptions { CacheDirectory = cache.CacheDirectory, Optimize = true };
        ScriptCache.Precompile(scripts[0], optimized);
        var oldest = ScriptCache.GetEntryPath(scripts[0], optimized);
        File.SetLastAccessTimeUtc(oldest, DateTime.UtcNow.AddDays(-3));
        File.SetLastAccessTimeUtc(cache.EntryOf(scripts[0]), DateTime.UtcNow.AddDays(-2));
        File.SetLastAccessTimeUtc(cache.EntryOf(scripts[1]), DateTime.UtcNow.AddDays(-1));
        var keepTwo = new FileInfo(cache.EntryOf(scripts[0])).Length + new FileInfo(cache.EntryOf(scripts[1])).Length;

        var result = cache.Cli("clean", "--max-size", keepTwo.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.Exists(oldest), Is.False);
        Assert.That(File.Exists(cache.EntryOf(scripts[0])) && File.Exists(cache.EntryOf(scripts[1])), Is.True);
    }

    [Test]
    public void Clean_MaxSize_KeepsTheMostRecentlyUsedEntries()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("old.csx", "middle.csx", "new.csx");
        LastUsed(cache, scripts[0], 30);
        LastUsed(cache, scripts[1], 20);
        LastUsed(cache, scripts[2], 1);
        var newestTwo = new FileInfo(cache.EntryOf(scripts[1])).Length + new FileInfo(cache.EntryOf(scripts[2])).Length;

        var result = cache.Cli("clean", "--max-size", newestTwo.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.Exists(cache.EntryOf(scripts[0])), Is.False);
        Assert.That(File.Exists(cache.EntryOf(scripts[1])), Is.True);
        Assert.That(File.Exists(cache.EntryOf(scripts[2])), Is.True);
        Assert.That(result.StandardOutput, Does.Contain("removed 1 file").And.Contain("2 entries kept"));
    }

    [Test]
    public void Clean_OlderThan_RemovesOnlyEntriesUnusedThatLong()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("stale.csx", "fresh.csx");
        LastUsed(cache, scripts[0], 45);

        var result = cache.Cli("clean", "--older-than", "30d");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.Exists(cache.EntryOf(scripts[0])), Is.False);
        Assert.That(File.Exists(cache.EntryOf(scripts[1])), Is.True);
    }

    [Test]
    public void Clean_Orphans_RemovesEntriesOfDeletedScripts()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("gone.csx", "here.csx");
        File.Delete(scripts[0]);

        var result = cache.Cli("clean", "--orphans");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.Exists(cache.EntryOf(scripts[0])), Is.False);
        Assert.That(File.Exists(cache.EntryOf(scripts[1])), Is.True);
    }

    [Test]
    public void Clean_DryRun_ReportsButRemovesNothing()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx");
        LastUsed(cache, scripts[0], 100);

        var result = cache.Cli("clean", "--older-than", "1w", "--dry-run");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("would remove " + cache.EntryOf(scripts[0])));
        Assert.That(File.Exists(cache.EntryOf(scripts[0])), Is.True);
    }

    [Test]
    public void Clean_TempFiles_AbandonedRemovedInFlightKept()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx");
        var abandoned = cache.EntryOf(scripts[0]) + CacheFile.TempMarker + "00000000000000aa";
        var inFlight = cache.EntryOf(scripts[0]) + CacheFile.TempMarker + "00000000000000bb";
        File.WriteAllText(abandoned, "half an entry");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-3));
        File.WriteAllText(inFlight, "being written");

        var result = cache.Cli("clean", "--max-size", "0");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.Exists(abandoned), Is.False);
        Assert.That(File.Exists(inFlight), Is.True, "a write in flight is never removed");
        Assert.That(File.Exists(cache.EntryOf(scripts[0])), Is.False);
    }

    [Test]
    public void Clean_NoCriteria_RemovesNoEntryAndSaysWhatWould()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx");

        var result = cache.Cli("clean");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.Exists(cache.EntryOf(scripts[0])), Is.True);
        Assert.That(result.StandardError, Does.Contain("--older-than").And.Contain("--max-size").And.Contain("--orphans"));
    }

    [Test]
    public void Clean_WithCriterion_NoNote()
    {
        using var cache = new MaintenanceFixture();
        cache.Cached("a.csx");

        var result = cache.Cli("clean", "--orphans");

        Assert.That(result.StandardError, Is.Empty, result.ToString());
    }

    [Test]
    public void Clean_UnknownOption_UsageErrorPointsAtCleanHelp()
    {
        using var cache = new MaintenanceFixture();

        var result = cache.Cli("clean", "--older", "3d");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardError)[^1], Is.EqualTo("Run 'roslyn-bootsnap clean --help' for usage."));
    }

    [TestCase("--max-size", "lots")]
    [TestCase("--older-than", "30")]
    [TestCase("--older-than", "3y")]
    public void Clean_BadQuantity_UsageError(string option, string value)
    {
        using var cache = new MaintenanceFixture();

        var result = cache.Cli("clean", option, value);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain(option));
    }
}
