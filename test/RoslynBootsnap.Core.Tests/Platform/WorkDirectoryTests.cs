using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;
using RoslynBootsnap.Platform;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Platform;

[Platform(Include = "Linux")]
[SupportedOSPlatform("linux")]
public sealed class WorkDirectoryTests
{
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        File.SetUnixFileMode(_temp.Path, Open);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void CreateOrNull_MissingRoot_MadePrivateAndRemovedOnDispose()
    {
        var root = _temp.Combine("cache");

        string path;
        using (var made = WorkDirectory.CreateOrNull(root, ".work", out var problem))
        {
            Assert.That(made, Is.Not.Null, problem);
            path = made!.Path;
            File.WriteAllText(Path.Join(path, "file"), "x");
            Directory.CreateDirectory(Path.Join(path, "sub", "deeper"));
            Assert.That(Path.GetDirectoryName(path), Is.EqualTo(Path.Join(root, ".work")));
            foreach (var directory in new[] { root, Path.Join(root, ".work"), path })
            {
                Assert.That(File.GetUnixFileMode(directory) & ~WorkDirectory.OwnerOnly, Is.EqualTo(UnixFileMode.None), directory);
            }
        }

        Assert.That(Directory.Exists(path), Is.False);
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Join(root, ".work")), Is.Empty);
    }

    [Test]
    public void Dispose_TreeHoldsLinksOutside_RemovesTheLinksNotWhatTheyName()
    {
        var outside = _temp.Combine("outside");
        var kept = _temp.Write("outside/kept.txt", "kept");
        var made = WorkDirectory.CreateOrNull(_temp.Combine("cache"), ".work", out var problem);
        Assert.That(made, Is.Not.Null, problem);
        Directory.CreateSymbolicLink(Path.Join(made!.Path, "dir-link"), outside);
        Directory.CreateDirectory(Path.Join(made.Path, "sub"));
        File.CreateSymbolicLink(Path.Join(made.Path, "sub", "file-link"), kept);

        made.Dispose();

        Assert.That(Directory.Exists(made.Path), Is.False);
        Assert.That(File.ReadAllText(kept), Is.EqualTo("kept"));
    }

    [Test]
    [Category("Process")]
    public void CreateOrNull_RootWritableByOthersWithAreaLinkedAway_RefusedAndNothingMadeThere()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to plant the link as another user.");
        }

        // A shared cache dir, where the other user has linked the work area to a dir of theirs.
        var root = _temp.Combine("shared");
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, (UnixFileMode)0x3FF); // 1777
        OtherUser.Shell(root, "mkdir theirs && ln -s theirs .work");

        using var made = WorkDirectory.CreateOrNull(root, ".work", out var problem);

        Assert.That(made, Is.Null);
        Assert.That(problem, Does.Contain(root).And.Contain("written by group or others"));
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Join(root, "theirs")), Is.Empty);
    }

    [Test]
    [Category("Process")]
    public void CreateOrNull_RootOfAnotherUser_Refused()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to make a directory as another user.");
        }

        var shared = _temp.Combine("shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)0x3FF); // 1777
        OtherUser.Shell(shared, "mkdir -m 755 theirs");

        using var made = WorkDirectory.CreateOrNull(Path.Join(shared, "theirs"), ".work", out var problem);

        Assert.That(made, Is.Null);
        Assert.That(problem, Does.Contain("belongs to user " + TestHost.NobodyId));
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Join(shared, "theirs")), Is.Empty);
    }

    [Test]
    public void CreateOrNull_AreaLinkedAwayInAPrivateRoot_RefusedAsLink()
    {
        // Only the owner could make this link; the check does not depend on who did.
        var root = _temp.Combine("cache");
        Directory.CreateDirectory(root, WorkDirectory.OwnerOnly);
        var elsewhere = _temp.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere, WorkDirectory.OwnerOnly);
        Directory.CreateSymbolicLink(Path.Join(root, ".work"), elsewhere);

        using var made = WorkDirectory.CreateOrNull(root, ".work", out var problem);

        Assert.That(made, Is.Null);
        Assert.That(problem, Does.Contain("is a symbolic link"));
        Assert.That(Directory.EnumerateFileSystemEntries(elsewhere), Is.Empty);
    }

    [Test]
    public void CreateOrNull_WorkDirUntouchedForADay_RemovedByTheNextOne()
    {
        var root = _temp.Combine("cache");
        var work = _temp.Write("cache/.work/0123456789abcdef/obj/project.assets.json", "{}");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        time.Advance(TimeSpan.FromHours(23));
        using (var first = WorkDirectory.CreateOrNull(root, ".work", out var problem, time))
        {
            Assert.That(first, Is.Not.Null, problem);
            Assert.That(File.Exists(work), Is.True, "another process's work in progress stays");
        }

        time.Advance(TimeSpan.FromHours(2));
        using var second = WorkDirectory.CreateOrNull(root, ".work", out var secondProblem, time);

        Assert.That(second, Is.Not.Null, secondProblem);
        Assert.That(File.Exists(work), Is.False);
    }
}
