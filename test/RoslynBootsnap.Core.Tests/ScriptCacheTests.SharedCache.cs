using System.Runtime.Versioning;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

/// <summary>
/// A cache written by one user and read by another: the reader trusts it only when it names the writer among
/// its trusted owners. The writer is a real child process running as uid 65534; the reader is this process.
/// </summary>
public sealed partial class ScriptCacheTests
{
    [Test]
    [Category("Process")]
    [UnsupportedOSPlatform("windows")]
    public async Task Load_CacheWrittenByAnotherUser_UntrustedOwnerUnlessTrusted()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to write the cache as another user.");
        }

        var path = PrecompileAsNobody("shared.csx", "6 * 7");
        var entry = Directory.GetFiles(_temp.CacheDirectory, "*", SearchOption.AllDirectories).Single();
        var before = File.ReadAllBytes(entry);
        var trusting = Options with { Trust = new() { Owners = [TestHost.NobodyId] } };

        var untrusted = await LoadAndRun(path);
        var untrustedEvent = TakeEvents().Single();
        var trusted = await LoadAndRun(path, trusting);
        var trustedEvents = TakeEvents();
        var untrustedAgain = await LoadAndRun(path);
        var untrustedAgainEvent = TakeEvents().Single();

        Assert.That(untrusted, Is.EqualTo(42));
        Assert.That(untrustedEvent.ToString(), Is.EqualTo($"stale {path} (untrusted-owner)"));
        Assert.That(
            untrustedEvent.Exception!.Message,
            Does.Contain($"cache directory '{_temp.CacheDirectory}'").And.Contain($"owned by user {TestHost.NobodyId}"));
        Assert.That(trusted, Is.EqualTo(42));
        Assert.That(trustedEvents.Select(e => e.Kind), Is.EqualTo(new[] { CacheEventKind.Hit }));
        Assert.That(untrustedAgain, Is.EqualTo(42));
        Assert.That(untrustedAgainEvent.Step, Is.EqualTo("untrusted-owner"), "a directory trusted for one cache is not trusted for another");
        Assert.That(File.ReadAllBytes(entry), Is.EqualTo(before), "nothing is written into a directory that is not trusted");
    }

    [Test]
    [Category("Process")]
    [UnsupportedOSPlatform("windows")]
    public async Task Load_TrustedOwnerButWritableByOthers_StillUntrusted()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to write the cache as another user.");
        }

        var path = PrecompileAsNobody("open.csx", "1");
        var entry = Directory.GetFiles(_temp.CacheDirectory, "*", SearchOption.AllDirectories).Single();
        File.SetUnixFileMode(entry, File.GetUnixFileMode(entry) | UnixFileMode.OtherWrite);

        await LoadAndRun(path, Options with { Trust = new() { Owners = [TestHost.NobodyId] } });

        Assert.That(_events.Events.First().Step, Is.EqualTo("untrusted-mode"));
    }

    private IReadOnlyList<CacheEvent> TakeEvents()
    {
        var events = _events.Events;
        _events.Take();
        return events;
    }

    /// <summary>Writes a script and has uid 65534 compile it into a cache dir it creates, so that it owns both.</summary>
    [UnsupportedOSPlatform("windows")]
    private string PrecompileAsNobody(string name, string text)
    {
        // Open to all, as /tmp is, so that the other user can create the cache dir and own it.
        File.SetUnixFileMode(_temp.Path, OpenDirectoryMode | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit);
        var path = _temp.Write(name, text);
        var run = TestHost.RunAsNobody(_temp, "--precompile", _temp.CacheDirectory, path);
        Assert.That(run.Lines("precompiled:"), Is.EqualTo(new[] { "True" }), run.ToString());
        return path;
    }
}
