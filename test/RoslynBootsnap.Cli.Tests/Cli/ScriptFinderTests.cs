using RoslynBootsnap.Cli;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

public sealed class ScriptFinderTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Find_Directory_RecursesSkippingHiddenBinObjAndNonScripts()
    {
        var a = _temp.Write("root/a.csx", "");
        var b = _temp.Write("root/x/y/b.csx", "");
        var binNotTop = _temp.Write("root/binary/c.csx", "");
        _temp.Write("root/.hidden/d.csx", "");
        _temp.Write("root/x/BIN/e.csx", "");
        _temp.Write("root/obj/f.csx", "");
        _temp.Write("root/notes.txt", "");
        _temp.Write("root/g.cs", "");

        var search = ScriptFinder.Find([_temp.Combine("root")], []);

        Assert.That(search.Scripts, Is.EqualTo(new[] { a, binNotTop, b }));
        Assert.That(search.Missing, Is.Empty);
    }

    [Test]
    public void Find_ExcludeGlobs_RelativeToEachDirectory()
    {
        var keep = _temp.Write("root/keep.csx", "");
        _temp.Write("root/legacy/old.csx", "");
        _temp.Write("root/x/legacy/old.csx", "");
        var deepKeep = _temp.Write("root/x/keep.csx", "");
        _temp.Write("root/x/y.test.csx", "");

        var search = ScriptFinder.Find([_temp.Combine("root")], ["legacy/**", "x/legacy/*.csx", "**/*.test.csx"]);

        Assert.That(search.Scripts, Is.EqualTo(new[] { keep, deepKeep }));
    }

    [Test]
    public void Find_OverlappingArguments_EachScriptOnce()
    {
        var a = _temp.Write("root/a.csx", "");
        var b = _temp.Write("root/sub/b.csx", "");

        var search = ScriptFinder.Find([_temp.Combine("root"), _temp.Combine("root", "sub"), a], []);

        Assert.That(search.Scripts, Is.EqualTo(new[] { a, b }));
    }

    [Test]
    [Platform("Linux,MacOsX")]
    public void Find_FileWithParentAfterSymlinkedDirectory_TheFileTheKernelOpens()
    {
        // p/link -> ../q/r, so p/link/../s.csx is q/s.csx, not p/s.csx.
        _temp.Write("p/s.csx", "");
        var target = _temp.Write("q/s.csx", "");
        Directory.CreateDirectory(_temp.Combine("q", "r"));
        Directory.CreateSymbolicLink(_temp.Combine("p", "link"), "../q/r");

        var search = ScriptFinder.Find([_temp.Combine("p", "link", "..", "s.csx")], []);

        Assert.That(search.Scripts, Is.EqualTo(new[] { target }));
    }

    [Test]
    public void Find_MissingArgument_ReportedAsGiven()
    {
        var search = ScriptFinder.Find(["does/not/exist"], []);

        Assert.That(search.Scripts, Is.Empty);
        Assert.That(search.Missing, Is.EqualTo(new[] { "does/not/exist" }));
    }
}
