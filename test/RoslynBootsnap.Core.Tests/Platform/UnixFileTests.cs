using System.Runtime.Versioning;
using RoslynBootsnap.Platform;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Platform;

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
    public void OpenRegularFileOrNull_RegularFile_StatusAndBytesOfTheFileItOpened()
    {
        var path = _temp.Write("a.csx", "opened");
        using var handle = UnixFile.OpenRegularFileOrNull(path, out var status);
        Assert.That(handle, Is.Not.Null);

        // Renamed over, as the cache and editors replace files: the handle keeps what was opened.
        var replacement = _temp.Write("b.csx", "replaced, longer");
        File.Move(replacement, path, overwrite: true);
        var bytes = new byte[status.Size];
        var read = RandomAccess.Read(handle!, bytes, 0);

        Assert.That(status.IsRegularFile, Is.True);
        Assert.That(read, Is.EqualTo(6));
        Assert.That(bytes, Is.EqualTo("opened"u8.ToArray()));
    }

    [Test]
    public void OpenRegularFileOrNull_SymbolicLinkToFile_OpensTheTarget()
    {
        var target = _temp.Write("target.csx", "twelve bytes");
        var link = _temp.Combine("link.csx");
        File.CreateSymbolicLink(link, target);

        using var handle = UnixFile.OpenRegularFileOrNull(link, out var status);

        Assert.That(handle, Is.Not.Null);
        Assert.That(status.IsRegularFile, Is.True);
        Assert.That(status.Size, Is.EqualTo(12));
    }

    [Test]
    public void OpenRegularFileOrNull_Directory_Null()
    {
        // open(2) opens a directory for reading; the status check turns it away so .NET can report it.
        using var handle = UnixFile.OpenRegularFileOrNull(_temp.Path, out _);

        Assert.That(handle, Is.Null);
    }

    [Test]
    [Category("Process")]
    public void OpenRegularFileOrNull_FifoWithoutWriter_NullNotRegularWithoutBlocking()
    {
        var fifo = Fifo.Create(_temp.Combine("pipe"));

        var opened = Fifo.Bounded(fifo, () =>
        {
            using var handle = UnixFile.OpenRegularFileOrNull(fifo, out var status, out var notRegular);
            return (handle is null, notRegular, status.IsRegularFile);
        });

        Assert.That(opened.Result, Is.EqualTo((true, true, false)));
    }

    [TestCase("/dev/null")]
    [TestCase("/dev/zero")]
    public void OpenRegularFileOrNull_Device_NullNotRegular(string device)
    {
        using var handle = UnixFile.OpenRegularFileOrNull(device, out var status, out var notRegular);

        Assert.That(handle, Is.Null);
        Assert.That(notRegular, Is.True);
        Assert.That(status.Mode & 0xf000, Is.EqualTo(0x2000), "a character device");
    }

    [Test]
    public void OpenRegularFileOrNull_MissingPath_NullAndNotNotRegular()
    {
        using var handle = UnixFile.OpenRegularFileOrNull(_temp.Combine("missing.csx"), out _, out var notRegular);

        Assert.That(handle, Is.Null);
        Assert.That(notRegular, Is.False, "a failed open is left to .NET to explain");
    }

    [Test]
    public void OpenRegularFileOrNull_MissingPath_Null()
    {
        using var handle = UnixFile.OpenRegularFileOrNull(_temp.Combine("missing.csx"), out _);

        Assert.That(handle, Is.Null);
    }

    [Test]
    public void TryGetEffectiveUser_OwnsWhatThisProcessCreates()
    {
        var path = _temp.Write("mine.txt", "x");
        Assert.That(UnixFile.TryGetStatus(path, out var status), Is.True);

        Assert.That(UnixFile.TryGetEffectiveUser(out var user), Is.True);

        Assert.That(user, Is.EqualTo(status.Owner));
    }
}
