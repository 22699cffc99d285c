using RoslynBootsnap.Cli;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary>
/// Odd values of every numeric option and environment variable, given to the real command: each is a usage
/// error (exit 2) that names the option and its range, never an unhandled exception.
/// </summary>
public sealed class OptionValueTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCase("clean", "--older-than", "2147483647w")]
    [TestCase("clean", "--older-than", "999999999d")]
    [TestCase("clean", "--older-than", "99999999999999999999999d")]
    [TestCase("clean", "--older-than", "36501d")]
    [TestCase("clean", "--older-than", "-1d")]
    [TestCase("clean", "--older-than", "NaNd")]
    [TestCase("clean", "--older-than", "Infinityd")]
    [TestCase("clean", "--older-than", "1e300d")]
    [TestCase("clean", "--older-than", "")]
    [TestCase("clean", "--max-size", "9223372036854775808")]
    [TestCase("clean", "--max-size", "9999999999TB")]
    [TestCase("clean", "--max-size", "99999999999999999999999999999999999TiB")]
    [TestCase("clean", "--max-size", "-1")]
    [TestCase("clean", "--max-size", "NaN")]
    [TestCase("clean", "--max-size", "Infinity")]
    [TestCase("clean", "--max-size", "1e300")]
    [TestCase("clean", "--max-size", "")]
    [TestCase("stats", "--refresh", "2147483647w")]
    [TestCase("stats", "--refresh", "999999999d")]
    [TestCase("stats", "--refresh", "1e300s")]
    [TestCase("precompile", "--jobs", "99999999999")]
    [TestCase("precompile", "--jobs", "-1")]
    [Category("Process")]
    [Category("Reliability")]
    public void Command_OddOptionValue_UsageErrorNamingOption(string command, string option, string value)
    {
        string[] target = command == "precompile" ? [_temp.Path] : [];

        var result = CliHost.Run(_temp.Path, [command, "--cache-dir", _temp.CacheDirectory, .. target, option, value]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.StartWith($"roslyn-bootsnap: {option} takes "));
        Assert.That(result.StandardError, Does.Not.Contain("Exception"));
    }

    [TestCase(CliCompileServer.TimeoutVariable, "1e300")]
    [TestCase(CliCompileServer.TimeoutVariable, "Infinity")]
    [TestCase(CliCompileServer.TimeoutVariable, "NaN")]
    [TestCase(CliCompileServer.TimeoutVariable, "-5")]
    [TestCase(CliCompileServer.TimeoutVariable, "0")]
    [TestCase(CliCompileServer.TimeoutVariable, "99999999999999999999")]
    [TestCase(CliCompileServer.TimeoutVariable, "ten")]
    [TestCase(CompileServer.IdleTimeoutVariable, "1e300")]
    [TestCase(CompileServer.IdleTimeoutVariable, "Infinity")]
    [Category("Process")]
    [Category("Reliability")]
    public void Run_OddTimeoutVariable_UsageErrorNamingVariable(string variable, string value)
    {
        var script = _temp.Write("a.csx", "WriteLine(1);");
        var environment = new Dictionary<string, string> { [variable] = value };

        var run = CliHost.Run(_temp.Path, environment, "run", "--cache-dir", _temp.CacheDirectory, script);
        var shortcut = CliHost.Run(_temp.Path, environment, script);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(CliHost.LinesOf(run.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: {variable} takes a number of seconds greater than 0 and at most 3153600000 (such as 30 or 2.5), not '{value}'." }));
        Assert.That(shortcut.ExitCode, Is.EqualTo(2), shortcut.ToString());
        Assert.That(shortcut.StandardError, Is.EqualTo(run.StandardError));
    }

    [Test]
    [Category("Process")]
    public void Run_TimeoutVariableInRange_Runs()
    {
        var script = _temp.Write("a.csx", "WriteLine(1);");

        var run = CliHost.Run(_temp.Path, new Dictionary<string, string> { [CliCompileServer.TimeoutVariable] = "2.5" }, "run", "--cache-dir", _temp.CacheDirectory, script);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [TestCase("36500d", 36_500 * 24)]
    [TestCase("0s", 0)]
    public void TryParseAge_AtBounds_Parsed(string text, long hours)
    {
        Assert.That(Quantity.TryParseAge(text, out var age), Is.True);
        Assert.That(age, Is.EqualTo(TimeSpan.FromHours(hours)));
    }

    [Test]
    public void TryParseSize_LongMaxValue_Parsed()
    {
        Assert.That(Quantity.TryParseSize("9223372036854775807", out var bytes), Is.True);
        Assert.That(bytes, Is.EqualTo(long.MaxValue));
    }

    [TestCase("0.0000001", 1L)]
    [TestCase("0.00000001", 1L)]
    [TestCase("2.5", 25_000_000L)]
    [TestCase("3153600000", 3153600000L * TimeSpan.TicksPerSecond)]
    public void TryParseSeconds_InRange_Ticks(string text, long ticks)
    {
        Assert.That(Quantity.TryParseSeconds(text, out var duration), Is.True);
        Assert.That(duration.Ticks, Is.EqualTo(ticks));
    }
}
