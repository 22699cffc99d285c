using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary>Where the commands look for the cache when no <c>--cache-dir</c> is given, through the real CLI.</summary>
[Category("Process")]
public sealed class CacheDirectoryOptionTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    /// <summary>The default cache dir of a child whose home is the temp dir.</summary>
    private string DefaultCacheDirectory => _temp.Combine(".cache", "roslyn-bootsnap");

    private ProcessResult Cli(string variable, params string[] arguments) =>
        CliHost.Run(_temp.Path, new Dictionary<string, string> { [ScriptCache.CacheDirectoryVariable] = variable }, arguments);

    [TestCase(" ")]
    [TestCase("\t \t")]
    [Category("Reliability")]
    public void Run_BlankVariable_WarnsOnceAndRunsWithDefaultCacheDirectory(string blank)
    {
        var path = _temp.Write("blank.csx", "WriteLine(\"ran\");");

        var result = Cli(blank, "run", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[] { "ran" }));
        Assert.That(
            CliHost.LinesOf(result.StandardError),
            Is.EqualTo(new[] { $"roslyn-bootsnap: warning: ROSLYN_BOOTSNAP_CACHE_DIR is blank; using {DefaultCacheDirectory}" }));
        Assert.That(Directory.GetFiles(DefaultCacheDirectory, "*", SearchOption.AllDirectories), Has.Length.EqualTo(1));
    }

    [TestCase("precompile", "blank.csx")]
    [TestCase("stats")]
    [TestCase("clean", "--orphans")]
    [TestCase("verify")]
    [Category("Reliability")]
    public void MaintenanceCommand_BlankVariable_WarnsOnceAndUsesDefaultCacheDirectory(params string[] arguments)
    {
        _temp.Write("blank.csx", "1");
        var precompiled = CliHost.Run(_temp.Path, "precompile", "blank.csx");
        Assert.That(precompiled.ExitCode, Is.Zero, precompiled.ToString());

        var result = Cli(" ", arguments);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(
            CliHost.LinesOf(result.StandardError),
            Is.EqualTo(new[] { $"roslyn-bootsnap: warning: ROSLYN_BOOTSNAP_CACHE_DIR is blank; using {DefaultCacheDirectory}" }));
        Assert.That(Directory.GetFiles(DefaultCacheDirectory, "*", SearchOption.AllDirectories), Has.Length.EqualTo(1));
    }

    [Test]
    public void Run_SetVariable_NoWarning()
    {
        var path = _temp.Write("set.csx", "0");

        var result = Cli(_temp.CacheDirectory, "run", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardError, Is.Empty);
        Assert.That(Directory.Exists(DefaultCacheDirectory), Is.False);
    }
}
