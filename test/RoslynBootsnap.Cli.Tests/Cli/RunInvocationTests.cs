using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary>
/// <c>roslyn-bootsnap run</c> stopped by a signal while its script is busy in synchronous code, on both parse
/// paths: the hand-parsed <c>run x.csx --cache-dir DIR</c> and the full parser's <c>--cache-dir=DIR</c>.
/// </summary>
[Category("Process")]
[Category("Reliability")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RunInvocationTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(1);

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    // Each script is busy only when given an argument, so that the run after the signal can finish.
    [TestCase("while (true) { }", "INT", false, 130)]
    [TestCase("while (true) { }", "TERM", false, 143)]
    [TestCase("while (true) { }", "INT", true, 130)]
    [TestCase("while (true) { }", "TERM", true, 143)]
    [TestCase("System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);", "INT", false, 130)]
    [TestCase("System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);", "TERM", true, 143)]
    [TestCase("Console.ReadLine();", "TERM", false, 143)]
    [TestCase("Console.ReadLine();", "INT", true, 130)]
    public void Run_BusyScriptSignalled_ExitsWithSignalCodeAndCacheStaysIntact(string busy, string signal, bool fullParser, int exitCode)
    {
        var path = _temp.Write("busy.csx", $"if (Args.Count > 0) {{ WriteLine(\"busy\"); {busy} }}\nWriteLine(\"done\");");
        string[] cacheDirectory = fullParser ? ["--cache-dir=" + _temp.CacheDirectory] : ["--cache-dir", _temp.CacheDirectory];

        ProcessResult stopped;
        using (var running = CliHost.Start(_temp.Path, ["run", path, .. cacheDirectory, "go"]))
        {
            running.WaitForLine("busy", Generous);
            running.Signal(signal);
            stopped = running.WaitForExit(Generous);
        }

        var after = CliHost.Run(_temp.Path, ["run", path, "--events", .. cacheDirectory]);
        var verify = CliHost.Run(_temp.Path, "verify", "--cache-dir", _temp.CacheDirectory);

        Assert.That(stopped.ExitCode, Is.EqualTo(exitCode), stopped.ToString());
        Assert.That(stopped.StandardOutput, Does.Not.Contain("done"));
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(CliHost.LinesOf(after.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {path}" }), after.ToString());
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
        Assert.That(verify.StandardOutput, Does.Contain("1 entries checked, 0 bad"));
    }
}
