using System.CommandLine;
using System.CommandLine.Help;

namespace RoslynBootsnap.Cli;

/// <summary>The <c>roslyn-bootsnap</c> command line.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        RunShortcut.TryParse(args, out var request) || ScriptPathShortcut.TryParse(args, out request)
            ? RunInvocation.InvokeAsync(request)
            : InvokeAsync(args);

    /// <summary>
    /// The full grammar. Each call makes its own options, so nothing of one parse is left for the next;
    /// <paramref name="invokeRun"/> runs what <c>run</c> parsed (by default, <see cref="RunInvocation.InvokeAsync"/>).
    /// </summary>
    internal static RootCommand CreateRootCommand(Func<RunRequest, Task<int>>? invokeRun = null)
    {
        var options = new CommandLineOptions();
        var root = new RootCommand(
            "Run C# scripts (.csx) through an on-disk compile cache, so they start as fast as a precompiled DLL. "
            + "'roslyn-bootsnap script.csx [args]' is 'run' without the word, so a script with a '#!/usr/bin/env roslyn-bootsnap' line runs as ./script.csx.")
        {
            RunCommand.Create(options, invokeRun ?? RunInvocation.InvokeAsync),
            EvalCommand.Create(options),
            InitCommand.Create(),
            PrecompileCommand.Create(options),
            StatsCommand.Create(options),
            CleanCommand.Create(options),
            VerifyCommand.Create(options),
            ServerCommand.Create(options),
        };
        var global = options.EveryCommand.ToList();
        foreach (var option in global)
        {
            root.Options.Add(option);
        }

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new CommandHelpAction((HelpAction)help.Action!, global);

        return root;
    }

    /// <summary>The help for the command a usage error is in: the subcommand's own, or the root's.</summary>
    internal static string HelpCommandLine(ParseResult parsed) =>
        parsed.CommandResult.Command is RootCommand ? "roslyn-bootsnap --help" : $"roslyn-bootsnap {parsed.CommandResult.Command.Name} --help";

    private static async Task<int> InvokeAsync(string[] args)
    {
        var parsed = CreateRootCommand().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Usage errors get their own exit code, so a caller can tell them from a failing script.
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"roslyn-bootsnap: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync($"Run '{HelpCommandLine(parsed)}' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            CliCompileServer.CheckEnvironment();
        }
        catch (EnvironmentValueException e)
        {
            await Console.Error.WriteLineAsync($"roslyn-bootsnap: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // run handles SIGINT and SIGTERM itself (RunInvocation), alike on both parse paths; a second handler
        // here would race it for the exit code.
        var configuration = new InvocationConfiguration
        {
            ProcessTerminationTimeout = parsed.CommandResult.Command.Name is "run" or "eval" ? null : RunInvocation.TerminationTimeout,
        };
        return await parsed.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
