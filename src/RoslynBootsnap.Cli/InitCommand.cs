using System.CommandLine;

namespace RoslynBootsnap.Cli;

/// <summary><c>roslyn-bootsnap init [name]</c>: writes a starter script and editor files, as dotnet-script's <c>init</c>.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name")
        {
            Description = "The script to create, in the current directory; .csx is added when it has no extension (default: main.csx).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(
            "init",
            "Create a starter script that runs as ./name.csx, plus omnisharp.json and .vscode/launch.json for editing and debugging it. Existing files are left alone.")
        {
            name,
        };
        command.SetAction(result => ScriptScaffolder.Create(Directory.GetCurrentDirectory(), result.GetValue(name), Console.Out, Console.Error));
        return command;
    }
}
