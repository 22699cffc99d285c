using Microsoft.Extensions.Time.Testing;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

public sealed class ScriptCacheMaintenanceTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private ScriptCacheOptions Options => new() { CacheDirectory = _temp.CacheDirectory };

    private string Cached(string name)
    {
        var path = _temp.Write(name, $"\"{name}\"");
        Assert.That(ScriptCache.Precompile(path, Options), Is.True);
        return path;
    }

    private string EntryOf(string script) => ScriptCache.GetEntryPath(script, Options);

    [Test]
    public void Constructor_BlankDirectory_ArgumentException() =>
        Assert.That(() => new ScriptCacheMaintenance(" "), Throws.ArgumentException);

    [Test]
    public void GetInventory_EntriesAndAnOrphan_ClassifiedWithScriptsAndNamespace()
    {
        var kept = Cached("kept.csx");
        var gone = Cached("gone.csx");
        File.Delete(gone);

        var inventory = new ScriptCacheMaintenance(_temp.CacheDirectory).GetInventory().ToDictionary(e => e.EntryPath);

        Assert.That(inventory[EntryOf(kept)].Status, Is.EqualTo(CacheEntryStatus.Valid));
        Assert.That(inventory[EntryOf(kept)].SourcePath, Is.EqualTo(kept));
        Assert.That(inventory[EntryOf(gone)].Status, Is.EqualTo(CacheEntryStatus.Orphaned));
        Assert.That(inventory.Values.Select(e => e.Namespace).Distinct().Single(), Is.Not.Null);
    }

    [Test]
    public void Clean_DryRunThenReal_SameSelectionAndOnlyTheRealOneRemoves()
    {
        var old = Cached("old.csx");
        var fresh = Cached("fresh.csx");
        File.SetLastAccessTimeUtc(EntryOf(old), DateTime.UtcNow.AddDays(-40));
        var maintenance = new ScriptCacheMaintenance(_temp.CacheDirectory);

        var dryRun = maintenance.Clean(new CleanCriteria(OlderThan: TimeSpan.FromDays(30)), dryRun: true);
        Assert.That(File.Exists(EntryOf(old)), Is.True);
        var real = maintenance.Clean(new CleanCriteria(OlderThan: TimeSpan.FromDays(30)));

        Assert.That(dryRun.Removed.Select(e => e.EntryPath), Is.EqualTo(new[] { EntryOf(old) }));
        Assert.That(real.Removed.Select(e => e.EntryPath), Is.EqualTo(new[] { EntryOf(old) }));
        Assert.That(real.BytesFreed, Is.EqualTo(dryRun.BytesFreed).And.GreaterThan(0));
        Assert.That(real.EntriesKept, Is.EqualTo(1));
        Assert.That(File.Exists(EntryOf(old)), Is.False);
        Assert.That(File.Exists(EntryOf(fresh)), Is.True);
    }

    [Test]
    public void Clean_OlderThan_EntryGoesOnceUnusedThatLong()
    {
        var script = Cached("aging.csx");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var maintenance = new ScriptCacheMaintenance(_temp.CacheDirectory, time);
        var criteria = new CleanCriteria(OlderThan: TimeSpan.FromDays(30));

        time.Advance(TimeSpan.FromDays(29));
        var early = maintenance.Clean(criteria);
        time.Advance(TimeSpan.FromDays(2));
        var late = maintenance.Clean(criteria);

        Assert.That(early.Removed, Is.Empty);
        Assert.That(late.Removed.Select(e => e.EntryPath), Is.EqualTo(new[] { EntryOf(script) }));
        Assert.That(File.Exists(EntryOf(script)), Is.False);
    }

    [Test]
    public void Clean_MaxSizeAndOrphans_LeastRecentlyUsedAndTheOrphanGo()
    {
        var a = Cached("a.csx");
        var b = Cached("b.csx");
        var orphan = Cached("orphan.csx");
        File.Delete(orphan);
        File.SetLastAccessTimeUtc(EntryOf(a), DateTime.UtcNow.AddDays(-2));
        File.SetLastAccessTimeUtc(EntryOf(b), DateTime.UtcNow.AddDays(-1));

        var result = new ScriptCacheMaintenance(_temp.CacheDirectory).Clean(new CleanCriteria(MaxSize: new FileInfo(EntryOf(b)).Length, Orphans: true));

        Assert.That(result.Removed.Select(e => e.EntryPath), Is.EquivalentTo(new[] { EntryOf(orphan), EntryOf(a) }));
        Assert.That(File.Exists(EntryOf(b)), Is.True);
        Assert.That(result.Failures, Is.Empty);
    }

    [Test]
    public void Verify_CorruptEntry_FoundThenFixed()
    {
        var good = Cached("good.csx");
        var bad = Cached("bad.csx");
        var bytes = File.ReadAllBytes(EntryOf(bad));
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(EntryOf(bad), bytes);
        var maintenance = new ScriptCacheMaintenance(_temp.CacheDirectory);

        var found = maintenance.Verify();
        var fixedResult = maintenance.Verify(fix: true);
        var after = maintenance.Verify();

        Assert.That(found.Bad.Select(e => e.EntryPath), Is.EqualTo(new[] { EntryOf(bad) }));
        Assert.That(found.IsClean, Is.False);
        Assert.That(found.EntriesChecked, Is.EqualTo(2));
        Assert.That(fixedResult.Removed, Is.EqualTo(1));
        Assert.That(fixedResult.IsClean, Is.True);
        Assert.That(after.Bad, Is.Empty);
        Assert.That(File.Exists(EntryOf(good)), Is.True);
    }
}
