using System.Runtime.Versioning;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching;

public sealed class CacheFileTests
{
    private static readonly CacheHeader Header = new(1, 2, 3, 4, 5, 6, 3, 8, 9, 10);

    [Test]
    public void WriteAtomic_NoShardYet_CreatesShardAndEntryWithoutTempFiles()
    {
        using var temp = new TempDirectory();
        var entry = CachePath.GetEntryPath(temp.CacheDirectory, "/scripts/a.csx");

        CacheFile.WriteAtomic(temp.CacheDirectory, entry, Header, [1], [2, 3]);

        var bytes = File.ReadAllBytes(entry);
        Assert.That(bytes, Has.Length.EqualTo(CacheHeader.Size + 3));
        Assert.That(CacheHeader.Read(bytes), Is.EqualTo(Header));
        Assert.That(bytes[CacheHeader.Size..], Is.EqualTo(new byte[] { 1, 2, 3 }), "manifest, then payload");
        Assert.That(Directory.GetFiles(temp.CacheDirectory, "*" + CacheFile.TempMarker + "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void WriteAtomic_OnUnix_RootIsPrivateAndEntryIsNotWritableByOthers()
    {
        using var temp = new TempDirectory();
        var entry = CachePath.GetEntryPath(temp.CacheDirectory, "/scripts/a.csx");

        CacheFile.WriteAtomic(temp.CacheDirectory, entry, Header, [], [1]);

        Assert.That(File.GetUnixFileMode(temp.CacheDirectory), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        var entryMode = File.GetUnixFileMode(entry);
        Assert.That(entryMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.UserExecute), Is.EqualTo(UnixFileMode.None));
        Assert.That(entryMode & UnixFileMode.UserRead, Is.EqualTo(UnixFileMode.UserRead));
    }

    [Test]
    public void WriteAtomic_ExistingEntry_IsReplacedWhole()
    {
        using var temp = new TempDirectory();
        var entry = CachePath.GetEntryPath(temp.CacheDirectory, "/scripts/a.csx");
        CacheFile.WriteAtomic(temp.CacheDirectory, entry, Header, [], new byte[1000]);

        CacheFile.WriteAtomic(temp.CacheDirectory, entry, Header with { DataSize = 2 }, [], [7, 7]);

        Assert.That(File.ReadAllBytes(entry), Has.Length.EqualTo(CacheHeader.Size + 2));
    }

    [Test]
    public void WriteAtomic_RenameFails_ReportsStepAndRemovesTempFile()
    {
        using var temp = new TempDirectory();
        var entry = CachePath.GetEntryPath(temp.CacheDirectory, "/scripts/a.csx");

        // A non-empty directory where the entry should go makes the final rename fail for real.
        Directory.CreateDirectory(Path.Combine(entry, "occupied"));

        var error = Assert.Throws<CacheIOException>(() => CacheFile.WriteAtomic(temp.CacheDirectory, entry, Header, [], [1]));

        Assert.That(error!.Step, Is.EqualTo("rename"));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(entry)!), Is.Empty, "the temp file must be removed");
    }

    [Test]
    public void WriteAtomic_CacheDirIsAFile_ReportsMkdir()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.CacheDirectory, "not a directory");
        var entry = CachePath.GetEntryPath(temp.CacheDirectory, "/scripts/a.csx");

        var error = Assert.Throws<CacheIOException>(() => CacheFile.WriteAtomic(temp.CacheDirectory, entry, Header, [], [1]));

        Assert.That(error!.Step, Is.AnyOf("mkdir", "create-temp"));
    }

    [Test]
    public void Read_NoEntry_Missing()
    {
        using var temp = new TempDirectory();

        Assert.That(CacheFile.Read(temp.Combine("nope", "nothing"), out _), Is.EqualTo(CacheReadStatus.Missing));
    }

    [Test]
    public void Read_WrittenEntry_ReturnsAllBytes()
    {
        using var temp = new TempDirectory();
        var entry = CachePath.GetEntryPath(temp.CacheDirectory, "/scripts/a.csx");
        CacheFile.WriteAtomic(temp.CacheDirectory, entry, Header, [], [4, 5, 6]);

        var status = CacheFile.Read(entry, out var contents);

        Assert.That(status, Is.EqualTo(CacheReadStatus.Read));
        Assert.That(contents, Is.EqualTo(File.ReadAllBytes(entry)));
    }

    [Test]
    public void Read_EntryIsADirectory_ThrowsWithOpenStep()
    {
        using var temp = new TempDirectory();
        var entry = temp.Combine("dir-entry");
        Directory.CreateDirectory(entry);

        var error = Assert.Throws<CacheIOException>(() => CacheFile.Read(entry, out _));

        Assert.That(error!.Step, Is.AnyOf("open-entry", "read-entry"));
    }

    [TestCase(false)]
    [TestCase(true)]
    [Category("Process")]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void Read_EntryIsAFifoOrADevice_ThrowsWithOpenStepWithoutBlocking(bool device)
    {
        using var temp = new TempDirectory();
        var entry = temp.Combine("fifo-entry");
        Fifo.Create(entry);
        var path = device ? "/dev/zero" : entry;

        var read = Fifo.Bounded(entry, () => Assert.Catch(() => CacheFile.Read(path, out _)));

        Assert.That(read.Result, Is.InstanceOf<CacheIOException>());
        Assert.That(((CacheIOException)read.Result!).Step, Is.EqualTo("open-entry"));
    }

    [Test]
    [Platform(Include = "Linux")]
    public void Read_SymbolicLinkAtEntryPath_NotFollowed()
    {
        using var temp = new TempDirectory();
        var entry = CachePath.GetEntryPath(temp.CacheDirectory, "/scripts/a.csx");
        var elsewhere = temp.Combine("elsewhere");
        CacheFile.WriteAtomic(temp.CacheDirectory, entry, Header, [1], [2]);
        File.Move(entry, elsewhere);
        File.CreateSymbolicLink(entry, elsewhere);

        var status = CacheFile.Read(entry, out var contents, out _);

        Assert.That(status, Is.EqualTo(CacheReadStatus.SymbolicLink));
        Assert.That(contents, Is.Empty);
    }

    [Test]
    [Platform(Include = "Linux")]
    public void Read_Entry_StatusOfTheOpenedFile()
    {
        using var temp = new TempDirectory();
        var entry = CachePath.GetEntryPath(temp.CacheDirectory, "/scripts/a.csx");
        CacheFile.WriteAtomic(temp.CacheDirectory, entry, Header, [1], [2]);

        Assert.That(CacheFile.Read(entry, out var contents, out var status), Is.EqualTo(CacheReadStatus.Read));
        Assert.That(status.IsRegularFile && status.Size == contents.Length, Is.True);
        Assert.That(CacheFile.Read(entry + "x", out _, out _), Is.EqualTo(CacheReadStatus.Missing));
    }
}
