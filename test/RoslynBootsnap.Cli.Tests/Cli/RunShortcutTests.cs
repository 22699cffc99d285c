using RoslynBootsnap.Cli;

namespace RoslynBootsnap.Tests.Cli;

[TestFixture]
public sealed class RunShortcutTests
{
    [Test]
    public void TryParse_PlainRun_ReadsScriptOptionsAndArguments()
    {
        Assert.That(RunShortcut.TryParse(["run", "report.csx", "a", "--events", "--cache-dir", "/c", "--no-cache", "b", "--", "--verbose", "-x"], out var request), Is.True);
        Assert.That(request.ScriptPath, Is.EqualTo("report.csx"));
        Assert.That(request.Settings, Is.EqualTo(RunSettings.None with { CacheDirectory = "/c", NoCache = true, Events = true }));
        Assert.That(request.Arguments, Is.EqualTo(new[] { "a", "b", "--verbose", "-x" }));
    }

    [Test]
    public void TryParse_ScriptOnly_NoOptionsNoArguments()
    {
        Assert.That(RunShortcut.TryParse(["run", "/abs/report.csx"], out var request), Is.True);
        Assert.That(request.ScriptPath, Is.EqualTo("/abs/report.csx"));
        Assert.That(request.Arguments, Is.Empty);
        Assert.That(request.Settings, Is.EqualTo(RunSettings.None));
    }

    [TestCase("run")]
    [TestCase("precompile", "x.csx")]
    [TestCase("--cache-dir", "/c", "run", "x.csx")]
    [TestCase("run", "--help")]
    [TestCase("run", "x.csx", "-h")]
    [TestCase("run", "x.csx", "/?")]
    [TestCase("run", "x.csx", "--verbose")]
    [TestCase("run", "x.csx", "-")]
    [TestCase("run", "@args.rsp")]
    [TestCase("run", "x.csx", "--cache-dir")]
    [TestCase("run", "x.csx", "--cache-dir", "--events")]
    [TestCase("run", "x.csx", "--cache-dir", "/a", "--cache-dir", "/b")]
    [TestCase("run", "x.csx", "--events", "--events")]
    [TestCase("run", "x.csx", "--no-server", "--no-server")]
    [TestCase("run", "--", "x.csx")]
    [TestCase("run", "--events")]
    public void TryParse_AnythingElse_LeftToTheFullParser(params string[] args) =>
        Assert.That(RunShortcut.TryParse(args, out _), Is.False);

    [TestCase("run", "report.csx", "a", "--events", "--cache-dir", "/c", "--", "--x")]
    [TestCase("run", "--no-cache", "report.csx")]
    [TestCase("run", "report.csx")]
    [TestCase("run", "report.csx", "--cache-dir=/c")]
    [TestCase("run", "--no-server", "report.csx", "--events")]
    public void TryParse_Accepted_MeansTheSameAsTheFullParser(params string[] args)
    {
        Assert.That(RunShortcut.TryParse(args, out var shortcut), Is.True);
        var parsed = Program.CreateRootCommand().Parse(args);
        Assert.That(parsed.Errors, Is.Empty);
        var run = parsed.CommandResult.Command;
        string? Value(string name) => parsed.GetValue<string>(name);
        Assert.Multiple(() =>
        {
            Assert.That(run.Name, Is.EqualTo("run"));
            Assert.That(Value("script"), Is.EqualTo(shortcut.ScriptPath));
            Assert.That(parsed.GetValue<string[]>("args") ?? [], Is.EqualTo(shortcut.Arguments));
            Assert.That(Value("--cache-dir"), Is.EqualTo(shortcut.Settings.CacheDirectory));
            Assert.That(parsed.GetValue<bool>("--no-cache"), Is.EqualTo(shortcut.Settings.NoCache));
            Assert.That(parsed.GetValue<bool>("--events"), Is.EqualTo(shortcut.Settings.Events));
            Assert.That(parsed.GetValue<bool>("--no-server"), Is.EqualTo(shortcut.Settings.NoServer));
        });
    }
}
