using System.CommandLine;
using RoslynBootsnap.Cli;

namespace RoslynBootsnap.Tests.Cli;

/// <summary><c>--help</c> on every command, read in process.</summary>
public sealed class CommandHelpActionTests
{
    private static IEnumerable<string[]> EveryCommand()
    {
        static IEnumerable<string[]> Walk(Command command, string[] path) =>
            command.Subcommands.SelectMany(c => Walk(c, [.. path, c.Name]).Prepend([.. path, c.Name]));
        return Walk(Program.CreateRootCommand(), []);
    }

    private static string Help(params string[] command)
    {
        using var output = new StringWriter();
        var parsed = Program.CreateRootCommand().Parse([.. command, "--help"]);
        Assert.That(parsed.Errors, Is.Empty, "help is no usage error, even without a command's required argument");
        Assert.That(parsed.Invoke(new InvocationConfiguration { Output = output }), Is.Zero);
        return output.ToString();
    }

    [TestCaseSource(nameof(EveryCommand))]
    public void Help_EachCommand_DescribesItsUsageWithoutTheGlobalOptions(string[] command)
    {
        var help = Help(command);

        Assert.That(help, Does.Contain("Usage:").And.Contain(" " + string.Join(' ', command) + " "));
        Assert.That(help, Does.Not.Contain("--cache-dir <"), "the root's help lists the global options, once");
        Assert.That(help, Does.Contain("see 'roslyn-bootsnap --help'"));
    }

    [Test]
    public void Help_Root_ListsTheGlobalOptions()
    {
        Assert.That(Help(), Does.Contain("--cache-dir <").And.Contain("--remote <"));
    }
}
