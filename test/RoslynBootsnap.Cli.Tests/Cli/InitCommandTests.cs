using System.Runtime.Versioning;
using System.Text.Json;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary><c>roslyn-bootsnap init</c>, as a real child process.</summary>
[Category("Process")]
[UnsupportedOSPlatform("windows")]
public sealed class InitCommandTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Init_NoName_WritesExecutableMainCsxThatRunsAsDotSlash()
    {
        var result = CliHost.Run(_temp.Path, "init");
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = CliHost.InstallShim(_temp.Combine("bin")),
            [ScriptCache.CacheDirectoryVariable] = _temp.CacheDirectory,
        };
        var run = CliHost.RunProgram("./main.csx", _temp.Path, environment);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.ReadAllText(_temp.Combine("main.csx")), Does.StartWith("#!/usr/bin/env roslyn-bootsnap\n"));
        Assert.That(File.GetUnixFileMode(_temp.Combine("main.csx")).HasFlag(UnixFileMode.UserExecute), Is.True);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(CliHost.LinesOf(run.StandardOutput), Is.EqualTo(new[] { "Hello world!" }));
    }

    [Test]
    public void Init_EditorFiles_ValidJsonDebuggingTheOpenFileThroughTheTool()
    {
        CliHost.Run(_temp.Path, "init");

        using var omniSharp = JsonDocument.Parse(File.ReadAllText(_temp.Combine("omnisharp.json")));
        using var launch = JsonDocument.Parse(File.ReadAllText(_temp.Combine(".vscode", "launch.json")));
        var configuration = launch.RootElement.GetProperty("configurations")[0];
        Assert.That(omniSharp.RootElement.GetProperty("script").GetProperty("enableScriptNuGetReferences").GetBoolean(), Is.True);
        Assert.That(configuration.GetProperty("program").GetString(), Does.EndWith("/roslyn-bootsnap"));
        Assert.That(configuration.GetProperty("args").EnumerateArray().Select(a => a.GetString()), Does.Contain("${file}"));
    }

    [Test]
    public void Init_NameWithoutExtension_AddsCsx()
    {
        var result = CliHost.Run(_temp.Path, "init", "tool");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.ReadAllText(_temp.Combine("tool.csx")), Does.Contain("./tool.csx"));
        Assert.That(File.Exists(_temp.Combine("main.csx")), Is.False);
    }

    [Test]
    public void Init_FilesExist_LeftAloneAndSaidSo()
    {
        _temp.Write("main.csx", "mine");
        _temp.Write("omnisharp.json", "{}");

        var result = CliHost.Run(_temp.Path, "init");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.ReadAllText(_temp.Combine("main.csx")), Is.EqualTo("mine"));
        Assert.That(File.ReadAllText(_temp.Combine("omnisharp.json")), Is.EqualTo("{}"));
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[]
        {
            $"exists, left alone: {_temp.Combine("main.csx")}",
            $"exists, left alone: {_temp.Combine("omnisharp.json")}",
            $"created: {_temp.Combine(".vscode", "launch.json")}",
        }));
    }

    [Test]
    [Category("Reliability")]
    public void Init_VscodeLinkPlantedByOtherUser_RefusedAndNothingWrittenThrough()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to act as another user.");
        }

        var project = Directory.CreateDirectory(_temp.Combine("project")).FullName;
        var victim = Directory.CreateDirectory(_temp.Combine("victim")).FullName;
        OtherUser.ShareDirectory(_temp.Path, project);
        OtherUser.Shell(project, $"ln -s '{victim}' .vscode");

        var result = CliHost.Run(project, "init");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.Contain($"'{Path.Combine(project, ".vscode")}' is a symbolic link"));
        Assert.That(Directory.EnumerateFileSystemEntries(victim), Is.Empty);
    }

    [TestCase(".vscode/launch.json")]
    [TestCase("omnisharp.json")]
    [TestCase("main.csx")]
    [Category("Reliability")]
    public void Init_FileLinkPlantedByOtherUser_RefusedAndVictimUntouched(string planted)
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to act as another user.");
        }

        var project = Directory.CreateDirectory(_temp.Combine("project")).FullName;
        var victim = _temp.Write("victim.txt", "precious");
        var mode = File.GetUnixFileMode(victim);
        OtherUser.ShareDirectory(_temp.Path, project);
        OtherUser.Shell(project, $"mkdir -p \"$(dirname '{planted}')\" && ln -s '{victim}' '{planted}'");

        var result = CliHost.Run(project, "init");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.Contain($"'{Path.Combine(project, planted)}' is a symbolic link"));
        Assert.That(File.ReadAllText(victim), Is.EqualTo("precious"));
        Assert.That(File.GetUnixFileMode(victim), Is.EqualTo(mode), "not made executable through the link");
    }
}
