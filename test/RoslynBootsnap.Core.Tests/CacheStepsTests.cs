using System.Reflection;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

public sealed class CacheStepsTests
{
    private static readonly string[] Steps = [.. typeof(CacheSteps)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    [Test]
    public void Constants_EachDistinctAndKebabCase()
    {
        Assert.That(Steps, Is.Unique);
        Assert.That(Steps, Has.All.Matches("^[a-z]+(-[a-z]+)*$"));
    }

    [Test]
    public void Events_OfStaleEntriesAndWriteFailures_NameAConstant()
    {
        using var temp = new TempDirectory();
        var events = new EventLog();
        var options = new ScriptCacheOptions { CacheDirectory = temp.CacheDirectory, OnEvent = events.Add };
        var path = temp.Write("a.csx", "1");
        ScriptCache.Load(path, options).Dispose();
        var entry = ScriptCache.GetEntryPath(path, options);
        var bytes = File.ReadAllBytes(entry);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(entry, bytes);
        ScriptCache.Load(path, options).Dispose();
        FileTimes.Rewrite(path, "22");
        ScriptCache.Load(path, options).Dispose();

        var steps = events.Events.Where(e => e.Step is not null).Select(e => e.Step!).ToList();

        Assert.That(steps, Is.EqualTo(new[] { CacheSteps.Checksum, CacheSteps.SourceSize }));
        Assert.That(steps, Is.SubsetOf(Steps));
    }

    [Test]
    public void ScriptSourceException_OfAMissingScript_NamesAConstant()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<ScriptSourceException>(() => ScriptCache.Load(temp.Combine("none.csx"), new ScriptCacheOptions { CacheDirectory = temp.CacheDirectory }));

        Assert.That(error!.Step, Is.EqualTo(CacheSteps.OpenSource));
    }
}
