using System.CommandLine;
using System.CommandLine.Help;
using RoslynBootsnap.Cli;

namespace RoslynBootsnap.Tests.Cli;

/// <summary>
/// <c>run</c>'s one declaration of its options: every form of <c>run</c> (the full parser, the plain <c>run</c>
/// fast path and the script-path shortcut) reads each option the same way, and <c>run</c> has no option the
/// declaration lacks.
/// </summary>
public sealed class RunOptionsTests
{
    /// <summary>A value each option that takes one accepts; anything else gets a path.</summary>
    private static readonly IReadOnlyDictionary<string, string> Samples = new Dictionary<string, string>
    {
        ["--remote"] = "redis://127.0.0.1:6390",
        ["--refresh"] = "12h",
        ["--sha256"] = new string('a', 64),
    };

    private static IEnumerable<string> OptionNames => RunOptions.All.Select(o => o.Name);

    [Test]
    public void All_EveryOptionOfRun_IsDeclared()
    {
        var root = Program.CreateRootCommand();
        var run = root.Subcommands.Single(c => c.Name == "run");

        var names = run.Options.Concat(root.Options.Where(o => o.Recursive))
            .Where(o => o is not HelpOption and not VersionOption)
            .Select(o => o.Name);

        Assert.That(names, Is.EquivalentTo(OptionNames), "an option of run that is not in RunOptions.All is not honoured by the shortcuts");
    }

    [TestCaseSource(nameof(OptionNames))]
    public void Shortcuts_Option_ReadAsRunReadsIt(string name)
    {
        string[] tokens = TokensOf(RunOptions.All.Single(o => o.Name == name));

        var full = FullParse(["run", .. tokens, "tool.csx", "a"]);

        Assert.That(full.Settings, Is.Not.EqualTo(RunSettings.None), "the option must change what run does");
        AssertShortcutsRead(tokens, full);
    }

    [Test]
    public void Shortcuts_EveryOptionAtOnce_ReadAsRunReadsThem()
    {
        string[] tokens = [.. RunOptions.All.SelectMany(TokensOf)];

        var full = FullParse(["run", .. tokens, "tool.csx", "a"]);

        AssertShortcutsRead(tokens, full);
    }

    [Test]
    public void Shortcuts_ValueTheOptionRejects_LeftToTheFullParserWhichSaysSo()
    {
        string[] tokens = ["--refresh", "soon"];

        Assert.That(RunShortcut.TryParse(["run", .. tokens, "tool.csx"], out _), Is.False);
        Assert.That(ScriptPathShortcut.TryParse([.. tokens, "tool.csx"], out _), Is.False);
        Assert.That(
            Program.CreateRootCommand().Parse(["run", .. tokens, "tool.csx"]).Errors.Select(e => e.Message),
            Has.Some.StartWith("--refresh takes an age"));
    }

    [Test]
    public void CreateRootCommand_TwoParses_ShareNoOptionValues()
    {
        var remote = FullParse(["run", "--remote", "redis://a:1", "--refresh", "1h", "tool.csx"]);
        var plain = FullParse(["run", "tool.csx"]);

        Assert.That(remote.Settings.Remote, Is.EqualTo("redis://a:1"));
        Assert.That(plain.Settings, Is.EqualTo(RunSettings.None), "nothing of the first parse is left for the second");
    }

    private static string[] TokensOf(RunOption option) =>
        option.TakesValue ? [option.Name, Samples.GetValueOrDefault(option.Name, "/some/dir")] : [option.Name];

    /// <summary>The request the full parser's <c>run</c> action is given, run in this process without running it.</summary>
    private static RunRequest FullParse(string[] args)
    {
        RunRequest? captured = null;
        var parsed = Program.CreateRootCommand(r =>
        {
            captured = r;
            return Task.FromResult(0);
        }).Parse(args);
        Assert.That(parsed.Errors.Select(e => e.Message), Is.Empty, string.Join(" ", args));
        Assert.That(parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null }), Is.Zero);
        Assert.That(captured, Is.Not.Null);
        return captured!;
    }

    private static void AssertShortcutsRead(string[] tokens, RunRequest full)
    {
        Assert.That(RunShortcut.TryParse(["run", .. tokens, "tool.csx", "a"], out var before), Is.True, "run with the options first");
        Assert.That(RunShortcut.TryParse(["run", "tool.csx", .. tokens, "a"], out var after), Is.True, "run with the options after the script");
        Assert.That(ScriptPathShortcut.TryParse([.. tokens, "tool.csx", "a"], out var path), Is.True, "the script-path shortcut");
        Assert.Multiple(() =>
        {
            foreach (var request in new[] { before, after, path })
            {
                Assert.That(request.Settings, Is.EqualTo(full.Settings));
                Assert.That(request.ScriptPath, Is.EqualTo(full.ScriptPath));
                Assert.That(request.Arguments, Is.EqualTo(full.Arguments));
            }
        });
    }
}
