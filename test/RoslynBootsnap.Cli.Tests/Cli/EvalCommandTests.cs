using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary><c>roslyn-bootsnap eval</c>, as a real child process.</summary>
[Category("Process")]
public sealed class EvalCommandTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Eval_Code_RunsWithArgsAndIntExitCodeAndCachesNothing()
    {
        var result = CliHost.Run(_temp.Path, "eval", "WriteLine(string.Join(\"|\", Args)); return 3;", "--", "-a", "b");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[] { "-a|b" }));
        Assert.That(Directory.Exists(_temp.Combine(".cache")), Is.False, "eval writes no cache");
    }

    [Test]
    public void Eval_TrailingExpression_PrintsItsValueAndExitsZero()
    {
        var result = CliHost.Run(_temp.Path, "eval", "1+1");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[] { "2" }));
    }

    [Test]
    public void Eval_TrailingExpressionAfterSettingExitCode_PrintsValueAndExitsWithTheSetCode()
    {
        var result = CliHost.Run(_temp.Path, "eval", "Environment.ExitCode = 5; \"five\"");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[] { "five" }));
    }

    [Test]
    public void Eval_CompileError_CscFormatNamingEvalExitsOne()
    {
        var result = CliHost.Run(_temp.Path, "eval", "var x = ;");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.StartWith(_temp.Combine("<eval>") + "(1,9): error CS1525"));
    }

    [Test]
    public void Eval_NoCode_UsageErrorPointsAtEvalHelp()
    {
        var result = CliHost.Run(_temp.Path, "eval");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("Run 'roslyn-bootsnap eval --help' for usage."));
    }
}
