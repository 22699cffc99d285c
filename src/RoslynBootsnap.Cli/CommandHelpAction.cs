using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace RoslynBootsnap.Cli;

/// <summary>
/// <c>--help</c> for every command: System.CommandLine's own, except that a subcommand's help leaves out the
/// options every command takes (the root's help lists them once) and points at the root's help for them.
/// </summary>
internal sealed class CommandHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _help;
    private readonly IReadOnlyList<Option> _global;

    public CommandHelpAction(HelpAction help, IReadOnlyList<Option> global)
    {
        _help = help;
        _global = global;
    }

    /// <summary>As the help action it wraps: <c>run --help</c> is help, not a missing script.</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.CommandResult.Command is RootCommand)
        {
            return _help.Invoke(parseResult);
        }

        // The options are this parse's own (each root command makes its own), so hiding them here touches no other parse.
        foreach (var option in _global)
        {
            option.Hidden = true;
        }

        try
        {
            var exitCode = _help.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine("Global options (--cache-dir, --base-dir, --remote, ...): see 'roslyn-bootsnap --help'.");
            parseResult.InvocationConfiguration.Output.WriteLine();
            return exitCode;
        }
        finally
        {
            foreach (var option in _global)
            {
                option.Hidden = false;
            }
        }
    }
}
