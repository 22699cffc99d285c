using RoslynBootsnap.Platform;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Platform;

[Platform(Exclude = "Win")]
public sealed class KernelPathTests
{
    [Test]
    public void GetFullPath_NoDotDot_SameAsGetFullPath()
    {
        Assert.That(KernelPath.GetFullPath("/a/./b//c.csx"), Is.EqualTo(Path.GetFullPath("/a/./b//c.csx")));
        Assert.That(KernelPath.GetFullPath("c.csx", "/base"), Is.EqualTo("/base/c.csx"));
    }

    [Test]
    public void GetFullPath_DotDotAfterSymlink_FollowsTheLinkFirst()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("q", "r"));
        Directory.CreateDirectory(temp.Combine("p"));
        Directory.CreateSymbolicLink(temp.Combine("p", "link"), "../q/r");

        Assert.That(KernelPath.GetFullPath("p/link/../s.csx", temp.Path), Is.EqualTo(temp.Combine("q", "s.csx")));
        Assert.That(KernelPath.GetFullPath(temp.Combine("p", "link", "..", "..", "p", "s.csx")), Is.EqualTo(temp.Combine("p", "s.csx")));
    }

    [Test]
    public void GetFullPath_DotDotWithoutLinks_LexicalResult()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("a", "b"));

        Assert.That(KernelPath.GetFullPath("a/b/../c.csx", temp.Path), Is.EqualTo(temp.Combine("a", "c.csx")));
    }

    [Test]
    public void GetFullPath_MissingPrefix_FallsBackToGetFullPath()
    {
        Assert.That(KernelPath.GetFullPath("/no/such/dir/../x.csx"), Is.EqualTo("/no/such/x.csx"));
    }
}
