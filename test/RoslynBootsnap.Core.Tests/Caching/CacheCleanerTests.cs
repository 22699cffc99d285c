using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Tests.Caching;

public sealed class CacheCleanerTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static CacheEntryInfo Entry(string name, int daysSinceAccess, long length = 100, CacheEntryStatus status = CacheEntryStatus.Valid, double hoursSinceWrite = 48) =>
        new("/cache/00/" + name, status, length, Now.AddDays(-daysSinceAccess), Now.AddHours(-hoursSinceWrite), "/s/" + name, null);

    private static IEnumerable<string> Names(IEnumerable<CacheEntryInfo> entries) => entries.Select(e => Path.GetFileName(e.EntryPath)).Order();

    [Test]
    public void Select_NoCriteria_OnlyAbandonedTempFiles()
    {
        var inventory = new[]
        {
            Entry("a", 100),
            Entry("t-old", 0, status: CacheEntryStatus.TempFile, hoursSinceWrite: 2),
            Entry("t-fresh", 0, status: CacheEntryStatus.TempFile, hoursSinceWrite: 0.01),
        };

        Assert.That(Names(CacheCleaner.Select(inventory, new CleanCriteria(), Now)), Is.EqualTo(new[] { "t-old" }));
    }

    [Test]
    public void Select_OlderThan_RemovesEntriesNotUsedSince()
    {
        var inventory = new[] { Entry("old", 40), Entry("recent", 3), Entry("edge", 29) };

        var removed = CacheCleaner.Select(inventory, new CleanCriteria(OlderThan: TimeSpan.FromDays(30)), Now);

        Assert.That(Names(removed), Is.EqualTo(new[] { "old" }));
    }

    [Test]
    public void Select_MaxSize_EvictsLeastRecentlyUsedFirstAndKeepsNewest()
    {
        var inventory = new[] { Entry("d", 1), Entry("a", 9), Entry("c", 3), Entry("b", 5) };

        var removed = CacheCleaner.Select(inventory, new CleanCriteria(MaxSize: 250), Now);

        Assert.That(Names(removed), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Select_Orphans_RemovesOnlyWhenAsked()
    {
        var inventory = new[] { Entry("gone", 0, status: CacheEntryStatus.Orphaned), Entry("here", 0) };

        Assert.That(CacheCleaner.Select(inventory, new CleanCriteria(), Now), Is.Empty);
        Assert.That(Names(CacheCleaner.Select(inventory, new CleanCriteria(Orphans: true), Now)), Is.EqualTo(new[] { "gone" }));
    }

    [Test]
    public void Select_FreshTempFile_NeverRemovedEvenOverMaxSize()
    {
        var inventory = new[] { Entry("t", 0, length: 1_000_000, status: CacheEntryStatus.TempFile, hoursSinceWrite: 0) };

        Assert.That(CacheCleaner.Select(inventory, new CleanCriteria(MaxSize: 0, OlderThan: TimeSpan.Zero), Now), Is.Empty);
    }
}
