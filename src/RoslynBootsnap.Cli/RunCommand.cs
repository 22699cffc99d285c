using System.CommandLine;
using System.CommandLine.Parsing;

namespace RoslynBootsnap.Cli;

/// <summary><c>roslyn-bootsnap run &lt;script.csx&gt; [-- args...]</c>: runs one script through the cache.</summary>
internal static class RunCommand
{
    public static Command Create(Option<string?> cacheDirectory)
    {
        var script = new Argument<string>("script") { Description = "The .csx file to run; - (or /dev/stdin) reads the script from standard input (at most 16 MiB)." };
        var scriptArgs = new Argument<string[]>("args")
        {
            Description = "Arguments for the script, visible to it as Args. Put them after -- when they start with a dash.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var noCache = new Option<bool>("--no-cache") { Description = "Compile in memory; read and write no cache entry." };
        var events = new Option<bool>("--events")
        {
            Description = "Print one line per cache event to stderr: 'roslyn-bootsnap: <event> <full script path>'.",
        };

        var noServer = new Option<bool>("--no-server")
        {
            Description = $"Compile a miss in this process, not in the per-user compile server (also: {CompileServer.NoServerVariable}=1).",
        };

        var command = new Command("run", "Run a script, compiling it only when its cache entry is missing or stale.")
        {
            script, scriptArgs, noCache, events, noServer,
        };
        command.SetAction((result, _) => StrayOption(result, script, scriptArgs) is { } stray
            ? Task.FromResult(UsageError($"Unrecognized option '{stray}'. Put arguments for the script that start with a dash after --."))
            : RunInvocation.InvokeAsync(
            new RunRequest(
                result.GetRequiredValue(script),
                result.GetValue(scriptArgs) ?? [],
                result.GetValue(cacheDirectory),
                result.GetValue(noCache),
                result.GetValue(events)) { NoServer = result.GetValue(noServer) }));
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
