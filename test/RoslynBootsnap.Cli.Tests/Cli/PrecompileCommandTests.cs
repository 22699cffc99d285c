using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary><c>roslyn-bootsnap precompile</c>, as a real child process (whose output is redirected: plain lines).</summary>
[Category("Process")]
public sealed class PrecompileCommandTests
{
    private const string Broken = "var x = 1;\nundefinedThing + x";

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private ProcessResult Precompile(params string[] arguments) =>
        CliHost.Run(_temp.Path, ["precompile", "--cache-dir", _temp.CacheDirectory, .. arguments]);

    private ProcessResult RunWithEvents(string path) =>
        CliHost.Run(_temp.Path, "run", "--events", "--cache-dir", _temp.CacheDirectory, path);

    private static string Summary(ProcessResult result) => CliHost.LinesOf(result.StandardOutput)[^1];

    [Test]
    public void Precompile_TreeWithOneBrokenScript_FailsWithCountsDiagnosticsAndCachesTheRest()
    {
        var good = _temp.Write("scripts/good.csx", "WriteLine(\"good\");");
        var nested = _temp.Write("scripts/deep/er/nested.csx", "#load \"../../lib/helper.csx\"\nWriteLine(Twice(21));");
        _temp.Write("scripts/lib/helper.csx", "static int Twice(int x) => x * 2;");
        var broken = _temp.Write("scripts/broken.csx", Broken);

        var result = Precompile("scripts");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(Summary(result), Is.EqualTo("4 scripts: 3 compiled, 0 up to date, 1 failed"));
        Assert.That(CliHost.LinesOf(result.StandardError), Is.EqualTo(new[]
        {
            $"{broken}(2,1): error CS0103: The name 'undefinedThing' does not exist in the current context",
        }));
        Assert.That(CliHost.LinesOf(RunWithEvents(good).StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {good}" }));
        var nestedRun = RunWithEvents(nested);
        Assert.That(CliHost.LinesOf(nestedRun.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {nested}" }));
        Assert.That(CliHost.LinesOf(nestedRun.StandardOutput), Is.EqualTo(new[] { "42" }));
    }

    [Test]
    public void Precompile_Redirected_OnePlainLinePerScript()
    {
        _temp.Write("a.csx", "1");
        _temp.Write("b.csx", Broken);

        var result = Precompile(".", "--jobs", "1");

        var lines = CliHost.LinesOf(result.StandardOutput);
        Assert.That(lines.Take(2), Is.EquivalentTo(new[] { "compiled   a.csx", "failed     b.csx" }), result.ToString());
        Assert.That(result.StandardOutput, Does.Not.Contain("\r"));
    }

    [Test]
    public void Precompile_SecondTime_AllUpToDateAndExitsZero()
    {
        _temp.Write("a.csx", "1");
        _temp.Write("sub/b.csx", "2");
        Precompile(".");

        var again = Precompile(".");

        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(Summary(again), Is.EqualTo("2 scripts: 0 compiled, 2 up to date, 0 failed"));
        Assert.That(CliHost.LinesOf(again.StandardOutput), Does.Contain("up to date sub/b.csx"));
    }

    [Test]
    public void Precompile_AfterEdit_OnlyEditedScriptCompiled()
    {
        _temp.Write("a.csx", "1");
        var edited = _temp.Write("b.csx", "2");
        Precompile(".");
        FileTimes.Rewrite(edited, "2 + 2");

        var again = Precompile(".");

        Assert.That(Summary(again), Is.EqualTo("2 scripts: 1 compiled, 1 up to date, 0 failed"), again.ToString());
        Assert.That(CliHost.LinesOf(again.StandardOutput), Does.Contain("compiled   b.csx"));
    }

    [Test]
    public void Precompile_HiddenBinObjAndExcluded_Skipped()
    {
        _temp.Write("app/keep.csx", "1");
        _temp.Write("app/.git/hook.csx", Broken);
        _temp.Write("app/bin/Debug/copy.csx", Broken);
        _temp.Write("app/obj/gen.csx", Broken);
        _temp.Write("app/drafts/wip.csx", Broken);
        _temp.Write("app/tools/x.draft.csx", Broken);

        var result = Precompile("app", "--exclude", "drafts/**", "--exclude", "**/*.draft.csx");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Summary(result), Is.EqualTo("1 script: 1 compiled, 0 up to date, 0 failed"));
        Assert.That(CliHost.LinesOf(result.StandardOutput)[0], Is.EqualTo("compiled   app/keep.csx"));
    }

    [Test]
    public void Precompile_HelperOnlyWorkingWhenLoaded_ReportedLoadOnlyNotFailed()
    {
        _temp.Write("scripts/main.csx", "/* a tool\n   with helpers */\n#load \"lib/a.csx\"\n#load \"lib/b.csx\"\nWriteLine(B());");
        _temp.Write("scripts/lib/a.csx", "int A() => 1;");
        _temp.Write("scripts/lib/b.csx", "// uses a.csx, which main.csx loads first\nint B() => A() + 1;");

        var result = Precompile("scripts");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardError, Is.Empty);
        Assert.That(CliHost.LinesOf(result.StandardOutput), Does.Contain("#load only scripts/lib/b.csx"));
        Assert.That(Summary(result), Is.EqualTo("3 scripts: 2 compiled, 0 up to date, 0 failed, 1 #load only"));
    }

    [Test]
    public void Precompile_BrokenHelper_FailsTheScriptLoadingIt()
    {
        var helper = _temp.Write("scripts/helper.csx", "int Two() => undefinedThing;");
        _temp.Write("scripts/main.csx", "#load \"helper.csx\"\nWriteLine(Two());");

        var result = Precompile("scripts");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardError), Has.Some.StartWith($"{helper}(1,14): error CS0103"));
        Assert.That(Summary(result), Is.EqualTo("2 scripts: 0 compiled, 0 up to date, 1 failed, 1 #load only"));
    }

    [Test]
    public void Precompile_ExcludeMatchingNothing_ReportedAndOthersNot()
    {
        _temp.Write("s1.csx", "1");
        _temp.Write("s2.csx", "2");
        _temp.Write("s3.csx", "3");

        var result = Precompile(".", "--exclude", "s[23]*.csx", "--exclude", "s1.csx", "--exclude", "drafts/**");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardError), Is.EqualTo(new[]
        {
            "roslyn-bootsnap: --exclude 's[23]*.csx' matched no script (globs take * and **; [...] is not supported)",
            "roslyn-bootsnap: --exclude 'drafts/**' matched no script",
        }));
        Assert.That(Summary(result), Is.EqualTo("2 scripts: 2 compiled, 0 up to date, 0 failed"));
    }

    [Test]
    public void Precompile_EntryCannotBeWritten_NamesTheStepInWords()
    {
        var path = _temp.Write("a.csx", "1");
        var blocker = _temp.Write("not-a-dir", "x");

        var result = CliHost.Run(_temp.Path, "precompile", "--cache-dir", Path.Combine(blocker, "cache"), path);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.StartWith($"{path}: the entry could not be written (creating a cache directory failed: "));
        Assert.That(result.StandardError, Does.Not.Contain("mkdir"));
    }

    [Test]
    public void Precompile_ExplicitFile_IncludedEvenInSkippedFolder()
    {
        var inBin = _temp.Write("bin/tool.csx", "1");

        var result = Precompile(inBin);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Summary(result), Is.EqualTo("1 script: 1 compiled, 0 up to date, 0 failed"));
    }

    [Test]
    public void Precompile_MissingPath_ReportedAndExitsOne()
    {
        _temp.Write("a.csx", "1");

        var result = Precompile("a.csx", "nowhere");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.Contain("'nowhere'"));
        Assert.That(Summary(result), Is.EqualTo("1 script: 1 compiled, 0 up to date, 0 failed"));
    }

    [TestCase("0")]
    [TestCase("many")]
    public void Precompile_InvalidJobs_UsageErrorExitsTwo(string jobs)
    {
        _temp.Write("a.csx", "1");

        var result = Precompile(".", "--jobs", jobs);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
    }

    [Test]
    public void Precompile_NoPaths_UsageErrorExitsTwo()
    {
        var result = Precompile();

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }
}
