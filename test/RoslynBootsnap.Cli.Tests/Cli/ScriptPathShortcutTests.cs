using System.Runtime.Versioning;
using RoslynBootsnap.Cli;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary><c>roslyn-bootsnap script.csx [args]</c> and <c>#!/usr/bin/env roslyn-bootsnap</c>.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ScriptPathShortcutTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void TryParse_ScriptFirst_EverythingAfterIsArguments()
    {
        Assert.That(ScriptPathShortcut.TryParse(["tool.csx", "--verbose", "a", "--events"], out var request), Is.True);
        Assert.That(request.ScriptPath, Is.EqualTo("tool.csx"));
        Assert.That(request.Arguments, Is.EqualTo(new[] { "--verbose", "a", "--events" }));
        Assert.That(request.Settings, Is.EqualTo(RunSettings.None));
    }

    [Test]
    public void TryParse_RunOptionsBeforeScript_ReadAndDoubleDashAfterScriptDropped()
    {
        Assert.That(ScriptPathShortcut.TryParse(["--cache-dir", "/c", "--events", "--no-cache", "./tool", "--", "--x", "--"], out var request), Is.True);
        Assert.That(request.ScriptPath, Is.EqualTo("./tool"));
        Assert.That(request.Settings, Is.EqualTo(RunSettings.None with { CacheDirectory = "/c", Events = true, NoCache = true }));
        Assert.That(request.Arguments, Is.EqualTo(new[] { "--x", "--" }));
    }

    [Test]
    public void TryParse_DashForStandardInput_ScriptIsStandardInput()
    {
        Assert.That(ScriptPathShortcut.TryParse(["--no-server", "-", "a"], out var request), Is.True);
        Assert.That(request.ScriptPath, Is.EqualTo("-"));
        Assert.That(request.Arguments, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    [Category("Process")]
    public void Cli_DashWithoutRun_RunsTheScriptOnStandardInput()
    {
        var result = CliHost.RunWithInput(_temp.Path, "Console.WriteLine(7);", "-");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[] { "7" }));
    }

    [TestCase("-")]
    [TestCase("/dev/stdin")]
    [Category("Process")]
    public void Cli_PrecompileStandardInput_UsageError(string path)
    {
        var result = CliHost.Run(_temp.Path, "precompile", path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("standard input"));
    }

    [TestCase("stats")]
    [TestCase("run", "x.csx")]
    [TestCase("eval", "1")]
    [TestCase("statz")]
    [TestCase("--help")]
    [TestCase("--verbose", "x.csx")]
    [TestCase("@args.rsp")]
    [TestCase("--cache-dir", "--events", "x.csx")]
    public void TryParse_NotAScriptFirst_LeftToParser(params string[] args)
    {
        Assert.That(ScriptPathShortcut.TryParse(args, out _), Is.False);
    }

    [Test]
    [Category("Process")]
    public void Cli_ScriptWithoutRun_RunsWithArgumentsAndCaches()
    {
        var path = _temp.Write("tool.csx", "WriteLine(string.Join(\"|\", Args));");

        var cold = CliHost.Run(_temp.Path, "--cache-dir", _temp.CacheDirectory, "--events", "tool.csx", "--verbose", "a");
        var warm = CliHost.Run(_temp.Path, "--cache-dir", _temp.CacheDirectory, "--events", "tool.csx", "--verbose", "a");

        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        Assert.That(CliHost.LinesOf(cold.StandardOutput), Is.EqualTo(new[] { "--verbose|a" }));
        Assert.That(CliHost.LinesOf(cold.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {path}" }));
        Assert.That(CliHost.LinesOf(warm.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {path}" }));
    }

    [TestCase(true)]
    [TestCase(false)]
    [Category("Process")]
    public void Cli_WarmRunWithEveryKindOfRunOption_HitsAndLoadsNoCommandLineParser(bool runWord)
    {
        var path = _temp.Write("assemblies.csx", """
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                WriteLine("assembly: " + assembly.GetName().Name);
            }
            """);
        string[] options = ["--cache-dir", _temp.CacheDirectory, "--events", "--no-server", "--base-dir", _temp.Path, "--refresh", "12h", "--remote-readonly"];
        string[] arguments = runWord ? ["run", .. options, path] : [.. options, path];

        var cold = CliHost.Run(_temp.Path, arguments);
        var warm = CliHost.Run(_temp.Path, arguments);

        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        Assert.That(CliHost.LinesOf(warm.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {path}" }), warm.ToString());
        Assert.That(warm.Lines("assembly:"), Has.Some.EqualTo("roslyn-bootsnap"));
        Assert.That(warm.Lines("assembly:"), Has.None.StartsWith("System.CommandLine"), warm.ToString());
        Assert.That(warm.Lines("assembly:"), Has.None.StartsWith("Microsoft.CodeAnalysis"), warm.ToString());
    }

    [Test]
    public void CommandNames_AreTheRootCommandsSubcommands() =>
        Assert.That(ScriptPathShortcut.CommandNames, Is.EquivalentTo(Program.CreateRootCommand().Subcommands.Select(c => c.Name)));

    [Test]
    [Category("Process")]
    public void Cli_MissingScriptWithoutRun_ExitsThreeNamingIt()
    {
        var result = CliHost.Run(_temp.Path, "nothere.csx");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StandardError, Does.Contain(_temp.Combine("nothere.csx")));
    }

    [Test]
    [Category("Process")]
    public void Cli_MistypedCommand_StillAUsageError()
    {
        var result = CliHost.Run(_temp.Path, "statz");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }

    [Test]
    [Category("Process")]
    public void Shebang_ExecutableScript_RunsAsDotSlashWithItsOptionsThenHits()
    {
        var path = _temp.Write("tool.csx", "#!/usr/bin/env roslyn-bootsnap\nWriteLine(string.Join(\"|\", Args));\nreturn Args.Count;");
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = CliHost.InstallShim(_temp.Combine("bin")),
            [ScriptCache.CacheDirectoryVariable] = _temp.CacheDirectory,
        };

        var cold = CliHost.RunProgram("./tool.csx", _temp.Path, environment, "--verbose", "two words");
        var warm = CliHost.RunProgram(path, _temp.Path, environment, "x");

        Assert.That(cold.ExitCode, Is.EqualTo(2), cold.ToString());
        Assert.That(CliHost.LinesOf(cold.StandardOutput), Is.EqualTo(new[] { "--verbose|two words" }));
        Assert.That(warm.ExitCode, Is.EqualTo(1), warm.ToString());
        Assert.That(CliHost.LinesOf(warm.StandardOutput), Is.EqualTo(new[] { "x" }));
        Assert.That(Directory.EnumerateFiles(_temp.CacheDirectory, "*", SearchOption.AllDirectories), Is.Not.Empty);
    }
}
