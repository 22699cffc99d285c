using System.Runtime.Versioning;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Composition;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching;

public sealed class CacheInventoryTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private string Cached(string name, string contents = "hello")
    {
        var source = _temp.Write("scripts/" + name, contents);
        ScriptCacheBuilder.Compose(_temp.CacheDirectory, new TestHandler(), EngineSettings.Default).Fetch(source);
        return source;
    }

    private string EntryOf(string source) => ScriptCacheBuilder.Compose(_temp.CacheDirectory, new TestHandler(), EngineSettings.Default).GetEntryPath(source);

    private Dictionary<string, CacheEntryInfo> ScanByPath() =>
        CacheInventory.Scan(_temp.CacheDirectory).ToDictionary(e => e.EntryPath);

    [Test]
    public void Scan_NoCacheDir_Empty() => Assert.That(CacheInventory.Scan(_temp.CacheDirectory), Is.Empty);

    [Test]
    public void Scan_FreshEntries_ValidWithTheirScripts()
    {
        var a = Cached("a.csx");
        var b = Cached("b.csx");

        var entries = ScanByPath();

        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(entries[EntryOf(a)].Status, Is.EqualTo(CacheEntryStatus.Valid));
        Assert.That(entries[EntryOf(a)].SourcePath, Is.EqualTo(a));
        Assert.That(entries[EntryOf(b)].Length, Is.EqualTo(new FileInfo(EntryOf(b)).Length));
    }

    [Test]
    public void Scan_ScriptDeleted_Orphaned()
    {
        var a = Cached("a.csx");
        File.Delete(a);

        Assert.That(ScanByPath()[EntryOf(a)].Status, Is.EqualTo(CacheEntryStatus.Orphaned));
    }

    [Test]
    public void Scan_EntryAtAnotherScriptsPath_Orphaned()
    {
        var a = Cached("a.csx");
        var b = _temp.Write("scripts/b.csx", "other");
        Directory.CreateDirectory(Path.GetDirectoryName(EntryOf(b))!);
        File.Move(EntryOf(a), EntryOf(b));

        var entry = ScanByPath()[EntryOf(b)];

        Assert.That(entry.Status, Is.EqualTo(CacheEntryStatus.Orphaned));
        Assert.That(entry.Problem, Does.Contain("not at its script's path"));
    }

    [Test]
    public void Scan_FlippedPayloadByte_Corrupt()
    {
        var a = Cached("a.csx");
        var bytes = File.ReadAllBytes(EntryOf(a));
        bytes[^1] ^= 1;
        File.WriteAllBytes(EntryOf(a), bytes);

        var entry = ScanByPath()[EntryOf(a)];

        Assert.That(entry.Status, Is.EqualTo(CacheEntryStatus.Corrupt));
        Assert.That(entry.Problem, Does.Contain("checksum"));
    }

    [Test]
    public void Scan_TruncatedEntry_Corrupt()
    {
        var a = Cached("a.csx");
        File.WriteAllBytes(EntryOf(a), new byte[10]);

        Assert.That(ScanByPath()[EntryOf(a)].Status, Is.EqualTo(CacheEntryStatus.Corrupt));
    }

    [Test]
    public void Scan_LeftoverTempFileAndForeignFiles_TempFileOnlyAndForeignIgnored()
    {
        var a = Cached("a.csx");
        var temp = EntryOf(a) + CacheFile.TempMarker + "0123456789abcdef";
        File.WriteAllText(temp, "half");
        File.WriteAllText(Path.Combine(_temp.CacheDirectory, "README"), "not ours");
        Directory.CreateDirectory(Path.Combine(_temp.CacheDirectory, "not-a-shard"));
        File.WriteAllText(Path.Combine(_temp.CacheDirectory, "not-a-shard", "x"), "not ours");

        var entries = ScanByPath();

        Assert.That(entries.Keys, Is.EquivalentTo(new[] { EntryOf(a), temp }));
        Assert.That(entries[temp].Status, Is.EqualTo(CacheEntryStatus.TempFile));
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void Scan_WorldWritableEntry_Untrusted()
    {
        var a = Cached("a.csx");
        File.SetUnixFileMode(EntryOf(a), File.GetUnixFileMode(EntryOf(a)) | UnixFileMode.OtherWrite);

        Assert.That(ScanByPath()[EntryOf(a)].Status, Is.EqualTo(CacheEntryStatus.Untrusted));
    }

    [Test]
    public void Scan_SymlinkedEntry_ReportedAsLinkAndNotFollowed()
    {
        var a = Cached("a.csx");
        var real = _temp.Combine("elsewhere");
        File.Move(EntryOf(a), real);
        File.CreateSymbolicLink(EntryOf(a), real);

        Assert.That(ScanByPath()[EntryOf(a)].Status, Is.EqualTo(CacheEntryStatus.SymbolicLink));
    }

    [Test]
    [Category("Process")]
    public void Scan_FifoInShard_ReportedAsNotAFileWithoutWaiting()
    {
        var a = Cached("a.csx");
        var fifo = EntryOf(a) + "0";
        Assert.That(ChildProcess.Run(ChildProcess.StartInfo("mkfifo", [fifo], _temp.Path)).ExitCode, Is.Zero);

        var entries = ScanByPath();

        Assert.That(entries[fifo].Status, Is.EqualTo(CacheEntryStatus.NotRegularFile));
        Assert.That(entries[EntryOf(a)].Status, Is.EqualTo(CacheEntryStatus.Valid));
    }

    [Test]
    public void Scan_EntryInTopLevelShardOfOlderLayout_ListedWithoutNamespace()
    {
        var a = Cached("a.csx");
        var legacy = CachePath.GetEntryPath(_temp.CacheDirectory, a);
        Directory.CreateDirectory(Path.GetDirectoryName(legacy)!);
        File.Copy(EntryOf(a), legacy);

        var entries = ScanByPath();

        Assert.That(entries[legacy].Status, Is.EqualTo(CacheEntryStatus.Valid));
        Assert.That(entries[legacy].Namespace, Is.Null);
        Assert.That(entries[EntryOf(a)].Namespace, Is.EqualTo(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(EntryOf(a))))));
    }
}
