using System.CommandLine;
using System.CommandLine.Parsing;

namespace RoslynBootsnap.Cli;

/// <summary><c>roslyn-bootsnap run &lt;script.csx&gt; [-- args...]</c>: runs one script through the cache.</summary>
internal static class RunCommand
{
    /// <summary>The <c>run</c> command, with its own options from <paramref name="options"/>; <paramref name="invoke"/> runs the request.</summary>
    public static Command Create(CommandLineOptions options, Func<RunRequest, Task<int>> invoke)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(invoke);
        var script = new Argument<string>("script") { Description = "The .csx file to run; - (or /dev/stdin) reads the script from standard input (at most 16 MiB)." };
        var scriptArgs = new Argument<string[]>("args")
        {
            Description = "Arguments for the script, visible to it as Args. Put them after -- when they start with a dash.",
            Arity = ArgumentArity.ZeroOrMore,
        };

        // run's options are declared once, in RunOptions, which the fast paths read too.
        var command = new Command("run", "Run a script, compiling it only when its cache entry is missing or stale.") { script, scriptArgs };
        foreach (var option in options.RunOnly)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, _) => StrayOption(result, script, scriptArgs) is { } stray
            ? Task.FromResult(UsageError($"Unrecognized option '{stray}'. Put arguments for the script that start with a dash after --."))
            : invoke(new RunRequest(result.GetRequiredValue(script), result.GetValue(scriptArgs) ?? [], options.Read(result))));
        return command;
    }

    /// <summary>
    /// The first dash-prefixed token before <c>--</c> that the parser gave to the script: the arguments take
    /// any token, so without this a mistyped option would silently become the script path or an argument.
    /// </summary>
    private static string? StrayOption(ParseResult result, Argument<string> script, Argument<string[]> scriptArgs)
    {
        var tokens = result.Tokens.ToList();
        var doubleDash = tokens.FindIndex(t => t.Type == TokenType.DoubleDash);
        var positional = (result.GetResult(script)?.Tokens ?? []).Concat(result.GetResult(scriptArgs)?.Tokens ?? []);
        return positional
            .Where(t => t.Value.Length > 1 && t.Value[0] == '-')
            .Where(t => doubleDash < 0 || tokens.FindIndex(other => ReferenceEquals(other, t)) < doubleDash)
            .Select(t => t.Value)
            .FirstOrDefault();
    }

    private static int UsageError(string message)
    {
        Console.Error.WriteLine($"roslyn-bootsnap: {message}");
        Console.Error.WriteLine("Run 'roslyn-bootsnap run --help' for usage.");
        return ExitCodes.Usage;
    }
}
