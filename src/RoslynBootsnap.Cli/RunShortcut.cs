namespace RoslynBootsnap.Cli;

/// <summary>
/// The plain <c>run &lt;script&gt; [options] [args] [-- args]</c> shape, parsed by hand from <see cref="RunOptions"/>
/// so that a warm run does not load and run System.CommandLine's parser, a sizeable share of a warm run. Anything
/// else (help, a response file, a repeated or unknown option, a missing script) goes to the full parser, which
/// owns every usage error; this class only ever accepts a command line the full parser reads the same way.
/// </summary>
internal static class RunShortcut
{
    /// <summary>Reads a plain <c>run</c> command line; <see langword="false"/> leaves it to the full parser.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(args);
        request = null!;
        if (args.Count < 2 || args[0] != "run")
        {
            return false;
        }

        string? script = null;
        var settings = RunSettings.None;
        var given = new bool[RunOptions.All.Count];
        var scriptArgs = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--" && script is not null)
            {
                scriptArgs.AddRange(args.Skip(i + 1));
                break;
            }

            if (RunOptions.IsPlainValue(token))
            {
                if (script is null)
                {
                    script = token;
                }
                else
                {
                    scriptArgs.Add(token);
                }
            }
            else if (!RunOptions.TryRead(args, ref i, given, ref settings))
            {
                return false;
            }
        }

        if (script is null)
        {
            return false;
        }

        request = new RunRequest(script, scriptArgs, settings);
        return true;
    }
}
