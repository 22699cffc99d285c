using System.CommandLine;

namespace RoslynBootsnap.Cli;

/// <summary>
/// <c>roslyn-bootsnap eval &lt;code&gt; [-- args...]</c>: runs code given on the command line, as dotnet-script's
/// <c>eval</c>. It has no file of its own, so it is compiled in memory and never cached.
/// </summary>
internal static class EvalCommand
{
    /// <summary>The name evaluated code goes by in diagnostics, in the current directory.</summary>
    public const string CodeName = "<eval>";

    public static Command Create(CommandLineOptions options)
    {
        var code = new Argument<string>("code") { Description = "The C# script code to run, e.g. 'WriteLine(1 + 1);'." };
        var scriptArgs = new Argument<string[]>("args")
        {
            Description = "Arguments for the code, visible to it as Args. Put them after -- when they start with a dash.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("eval", "Run C# script code given on the command line, compiled in memory (never cached).") { code, scriptArgs };
        command.SetAction((result, _) => RunInvocation.InvokeAsync(
            new RunRequest(CodeName, result.GetValue(scriptArgs) ?? [], options.Read(result) with { NoCache = true, Events = false })
            {
                Code = result.GetRequiredValue(code),
            }));
        return command;
    }
}
