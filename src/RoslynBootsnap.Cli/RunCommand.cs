using System.CommandLine;

namespace RoslynBootsnap.Cli;

/// <summary><c>roslyn-bootsnap run &lt;script.csx&gt; [-- args...]</c>: runs one script through the cache.</summary>
internal static class RunCommand
{
    public static Command Create(Option<string?> cacheDirectory)
    {
        var script = new Argument<string>("script") { Description = "The .csx file to run." };
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

        var command = new Command("run", "Run a script, compiling it only when its cache entry is missing or stale.")
        {
            script, scriptArgs, noCache, events,
        };
        command.SetAction((result, cancellationToken) => ScriptRunner.RunAsync(
            new RunRequest(
                result.GetRequiredValue(script),
                result.GetValue(scriptArgs) ?? [],
                result.GetValue(cacheDirectory),
                result.GetValue(noCache),
                result.GetValue(events)),
            Console.Error,
            cancellationToken));
        return command;
    }
}
