using System.Runtime.Versioning;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching;

[SupportedOSPlatform("linux")]
public sealed class UnixFileTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("statx is Linux-only.");
        }

        _temp = new TempDirectory();
    }

    [TearDown]
    public void TearDown() => _temp?.Dispose();

    [Test]
    public void TryGetStatus_OpenHandle_AgreesWithDotNetsOwnCalls()
    {
        var path = _temp.Write("a.txt", "twelve bytes");
        File.SetLastWriteTimeUtc(path, new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567));
        File.SetLastAccessTimeUtc(path, new DateTime(2022, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(7654321));
        using var handle = File.OpenHandle(path);

        Assert.That(UnixFile.TryGetStatus(handle, out var status), Is.True);

        Assert.That(status.Size, Is.EqualTo(RandomAccess.GetLength(handle)));
        Assert.That(status.WriteTicks, Is.EqualTo(File.GetLastWriteTimeUtc(handle).Ticks));
        Assert.That(status.AccessTicks, Is.EqualTo(File.GetLastAccessTimeUtc(path).Ticks));
        Assert.That(status.IsDirectory || status.IsSymbolicLink, Is.False);
        Assert.That(status.Mode & 0x1ff, Is.EqualTo((int)File.GetUnixFileMode(path)));
    }

    [Test]
    public void TryGetStatus_SymbolicLinkPath_DescribesTheLinkNotItsTarget()
    {
        var target = _temp.Write("target.txt", "x");
        var link = _temp.Combine("link.txt");
        File.CreateSymbolicLink(link, target);

        Assert.That(UnixFile.TryGetStatus(link, out var status), Is.True);

        Assert.That(status.IsSymbolicLink, Is.True);
    }

    [Test]
    public void TryGetStatus_Directory_IsDirectory()
    {
        Assert.That(UnixFile.TryGetStatus(_temp.Path, out var status), Is.True);

        Assert.That(status.IsDirectory, Is.True);
    }

    [Test]
    public void TryGetStatus_MissingPath_False() =>
        Assert.That(UnixFile.TryGetStatus(_temp.Combine("missing"), out _), Is.False);

    [Test]
    public void TryGetEffectiveUser_OwnsWhatThisProcessCreates()
    {
        var path = _temp.Write("mine.txt", "x");
        Assert.That(UnixFile.TryGetStatus(path, out var status), Is.True);

        Assert.That(UnixFile.TryGetEffectiveUser(out var user), Is.True);

        Assert.That(user, Is.EqualTo(status.Owner));
    }
}
