using RoslynBootsnap.Caching;
using RoslynBootsnap.Composition;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching;

public sealed class BypassedEntryStoreTests
{
    [Test]
    public void Fetch_DisabledMode_NoEventAndNothingUnderTheCacheDir()
    {
        using var temp = new TempDirectory();
        var source = temp.Write("a.csx", "hello");
        var events = new EventLog();

        var output = ScriptCacheBuilder.Compose(temp.CacheDirectory, new TestHandler(), new EngineSettings { OnEvent = events.Add, Mode = CacheMode.Disabled }).Fetch(source);
        var precompiled = ScriptCacheBuilder.Compose(temp.CacheDirectory, new TestHandler(), new EngineSettings { OnEvent = events.Add, Mode = CacheMode.Disabled }).Precompile(source);

        Assert.That(output, Is.Not.Null);
        Assert.That(precompiled, Is.False);
        Assert.That(events.Kinds, Is.Empty);
        Assert.That(Directory.Exists(temp.CacheDirectory), Is.False);
    }
}
