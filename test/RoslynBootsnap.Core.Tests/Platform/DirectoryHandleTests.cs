using System.Runtime.Versioning;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Platform;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Platform;

[Platform(Include = "Linux")]
[SupportedOSPlatform("linux")]
public sealed class DirectoryHandleTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void OpenOrNull_SymbolicLinkToDirectory_RefusedAsLink()
    {
        var real = _temp.Combine("real");
        Directory.CreateDirectory(real);
        var link = _temp.Combine("link");
        Directory.CreateSymbolicLink(link, real);

        using var handle = DirectoryHandle.OpenOrNull(link, out var problem);

        Assert.That(handle, Is.Null);
        Assert.That(problem, Is.EqualTo("is a symbolic link"));
    }

    [Test]
    public void OpenOrNull_Missing_NullWithoutProblem()
    {
        using var handle = DirectoryHandle.OpenOrNull(_temp.Combine("none"), out var problem);

        Assert.That(handle, Is.Null);
        Assert.That(problem, Is.Null);
    }

    [Test]
    public void ReadNames_Directory_ListsEveryNameButDots()
    {
        _temp.Write("d/a", "1");
        _temp.Write("d/b.tmp.1", "2");
        Directory.CreateDirectory(_temp.Combine("d", "sub"));

        using var handle = DirectoryHandle.OpenOrNull(_temp.Combine("d"), out _)!;

        Assert.That(handle.ReadNames(), Is.EquivalentTo(new[] { "a", "b.tmp.1", "sub" }));
    }

    [Test]
    public void Unlink_PathSwappedForLinkAfterOpen_RemovesOnlyInTheOpenedDirectory()
    {
        var mine = _temp.Write("mine/x", "cache file");
        var victims = _temp.Write("victim/x", "not ours");
        using var handle = DirectoryHandle.OpenOrNull(_temp.Combine("mine"), out _)!;
        Directory.Move(_temp.Combine("mine"), _temp.Combine("moved"));
        Directory.CreateSymbolicLink(_temp.Combine("mine"), _temp.Combine("victim"));

        handle.Unlink("x");

        Assert.That(File.Exists(_temp.Combine("moved", "x")), Is.False, "removed where the handle points");
        Assert.That(File.ReadAllText(victims), Is.EqualTo("not ours"));
        Assert.That(mine, Does.EndWith("x"));
    }

    [Test]
    [Category("Process")]
    public void OpenFileOrNull_LinkOrFifo_RefusedWithoutFollowingOrWaiting()
    {
        _temp.Write("d/target", "elsewhere");
        File.CreateSymbolicLink(_temp.Combine("d", "link"), _temp.Combine("d", "target"));
        Assert.That(ChildProcess.Run(ChildProcess.StartInfo("mkfifo", [_temp.Combine("d", "fifo")], _temp.Path)).ExitCode, Is.Zero);
        using var handle = DirectoryHandle.OpenOrNull(_temp.Combine("d"), out _)!;

        using var link = handle.OpenFileOrNull("link", out _, out var linkProblem);
        using var fifo = handle.OpenFileOrNull("fifo", out _, out var fifoProblem);
        using var target = handle.OpenFileOrNull("target", out var status, out _);

        Assert.That(link, Is.Null);
        Assert.That(linkProblem, Is.Not.Null);
        Assert.That(fifo, Is.Null);
        Assert.That(fifoProblem, Is.EqualTo("is not a regular file"));
        Assert.That(target, Is.Not.Null);
        Assert.That(status.Size, Is.EqualTo("elsewhere".Length));
    }

    [Test]
    public void RemoveTree_LinksInside_RemovedWithoutFollowing()
    {
        var outside = _temp.Write("outside/keep", "not ours");
        _temp.Write("d/tree/a.txt", "a");
        _temp.Write("d/tree/sub/b.txt", "b");
        Directory.CreateSymbolicLink(_temp.Combine("d", "tree", "dir-link"), _temp.Combine("outside"));
        File.CreateSymbolicLink(_temp.Combine("d", "tree", "sub", "file-link"), outside);
        using var handle = DirectoryHandle.OpenOrNull(_temp.Combine("d"), out _)!;

        handle.RemoveTree("tree");

        Assert.That(Directory.Exists(_temp.Combine("d", "tree")), Is.False);
        Assert.That(File.ReadAllText(outside), Is.EqualTo("not ours"));
    }

    [Test]
    public void RemoveTree_TreeIsALink_OnlyTheLinkRemoved()
    {
        var outside = _temp.Write("outside/keep", "not ours");
        Directory.CreateDirectory(_temp.Combine("d"));
        Directory.CreateSymbolicLink(_temp.Combine("d", "tree"), _temp.Combine("outside"));
        using var handle = DirectoryHandle.OpenOrNull(_temp.Combine("d"), out _)!;

        handle.RemoveTree("tree");

        Assert.That(Path.Exists(_temp.Combine("d", "tree")), Is.False);
        Assert.That(File.ReadAllText(outside), Is.EqualTo("not ours"));
    }

    [Test]
    public void TryLockFile_HeldAlready_Null()
    {
        Directory.CreateDirectory(_temp.Combine("d"));
        using var handle = DirectoryHandle.OpenOrNull(_temp.Combine("d"), out _)!;

        using var first = handle.TryLockFile("x.lock");
        using var second = handle.TryLockFile("x.lock");

        Assert.That(first, Is.Not.Null);
        Assert.That(second, Is.Null);
        Assert.That(File.GetUnixFileMode(_temp.Combine("d", "x.lock")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void TryLockFile_Link_RefusedWithoutFollowing()
    {
        var target = _temp.Write("target", "kept");
        Directory.CreateDirectory(_temp.Combine("d"));
        File.CreateSymbolicLink(_temp.Combine("d", "x.lock"), target);
        using var handle = DirectoryHandle.OpenOrNull(_temp.Combine("d"), out _)!;

        var error = Assert.Throws<CacheIOException>(() => handle.TryLockFile("x.lock"));

        Assert.That(error!.Step, Is.EqualTo(CacheSteps.Lock));
        Assert.That(File.ReadAllText(target), Is.EqualTo("kept"));
    }

    [Test]
    public void PathThrough_DirectoryMovedAndReplacedByLink_StillNamesTheOpenedDirectory()
    {
        Directory.CreateDirectory(_temp.Combine("mine"));
        Directory.CreateDirectory(_temp.Combine("victim"));
        using var handle = DirectoryHandle.OpenOrNull(_temp.Combine("mine"), out _)!;
        Directory.Move(_temp.Combine("mine"), _temp.Combine("moved"));
        Directory.CreateSymbolicLink(_temp.Combine("mine"), _temp.Combine("victim"));

        File.WriteAllText(handle.PathThrough("x"), "through the handle");

        Assert.That(File.ReadAllText(_temp.Combine("moved", "x")), Is.EqualTo("through the handle"));
        Assert.That(Directory.EnumerateFileSystemEntries(_temp.Combine("victim")), Is.Empty);
    }
}
