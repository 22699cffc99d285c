using RoslynBootsnap.Caching;
using RoslynBootsnap.Composition;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching;

public sealed class ReadOnlyEntryStoreTests
{
    [Test]
    public void Fetch_ReadOnlyOverWrittenEntries_ServesThemButNeverWrites()
    {
        using var temp = new TempDirectory();
        var source = temp.Write("a.csx", "hello");
        var written = ScriptCacheBuilder.Compose(temp.CacheDirectory, new TestHandler(), EngineSettings.Default);
        written.Fetch(source);
        var entry = written.GetEntryPath(source);
        FileTimes.Touch(source);
        var before = File.ReadAllBytes(entry);
        var events = new EventLog();

        var readOnly = ScriptCacheBuilder.Compose(temp.CacheDirectory, new TestHandler(), new EngineSettings { OnEvent = events.Add, Mode = CacheMode.ReadOnly });
        readOnly.Fetch(source);
        var afterRevalidation = File.ReadAllBytes(entry);
        File.Delete(entry);
        readOnly.Fetch(source);

        Assert.That(events.Kinds, Is.EqualTo(new[] { CacheEventKind.Revalidated, CacheEventKind.Miss }));
        Assert.That(afterRevalidation, Is.EqualTo(before), "a revalidated entry is served, not rewritten");
        Assert.That(File.Exists(entry), Is.False, "a miss is compiled in memory, not written");
    }
}
