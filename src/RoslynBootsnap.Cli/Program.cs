using System.CommandLine;

namespace RoslynBootsnap.Cli;

/// <summary>The <c>roslyn-bootsnap</c> command line.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        RunShortcut.TryParse(args, out var request) || ScriptPathShortcut.TryParse(args, out request)
            ? RunInvocation.InvokeAsync(request)
            : InvokeAsync(args);

    internal static RootCommand CreateRootCommand()
    {
        var cacheDirectory = new Option<string?>("--cache-dir")
        {
            Description = "The cache dir (default: $ROSLYN_BOOTSNAP_CACHE_DIR, else $XDG_CACHE_HOME/roslyn-bootsnap, else ~/.cache/roslyn-bootsnap).",
            Recursive = true,
        };
        var root = new RootCommand(
            "Run C# scripts (.csx) through an on-disk compile cache, so they start as fast as a precompiled DLL. "
            + "'roslyn-bootsnap script.csx [args]' is 'run' without the word, so a script with a '#!/usr/bin/env roslyn-bootsnap' line runs as ./script.csx.")
        {
            cacheDirectory,
            RunCommand.Create(cacheDirectory),
            EvalCommand.Create(),
            InitCommand.Create(),
            PrecompileCommand.Create(cacheDirectory),
            StatsCommand.Create(cacheDirectory),
            CleanCommand.Create(cacheDirectory),
            VerifyCommand.Create(cacheDirectory),
            ServerCommand.Create(cacheDirectory),
        };
        FleetArguments.AddTo(root);
        PackageArguments.AddTo(root);
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

        FleetArguments.Read(parsed);
        PackageArguments.Read(parsed);

        // run handles SIGINT and SIGTERM itself (RunInvocation), alike on both parse paths; a second handler
        // here would race it for the exit code.
        var configuration = new InvocationConfiguration
        {
            ProcessTerminationTimeout = parsed.CommandResult.Command.Name is "run" or "eval" ? null : RunInvocation.TerminationTimeout,
        };
        return await parsed.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
