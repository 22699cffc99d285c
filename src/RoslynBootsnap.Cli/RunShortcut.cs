namespace RoslynBootsnap.Cli;

/// <summary>
/// The plain <c>run &lt;script&gt; [options] [args] [-- args]</c> shape, parsed by hand so that a warm run does not
/// build and run System.CommandLine's parser, a sizeable share of a warm run. Anything else (help, a response
/// file, <c>--opt=value</c>, a repeated or unknown option, a missing script) goes to the full parser, which
/// owns every usage error; this class only ever accepts a command line the full parser reads the same way.
/// </summary>
internal static class RunShortcut
{
    /// <summary>Reads a plain <c>run</c> command line; <see langword="false"/> leaves it to the full parser.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out RunRequest request)
    {
        request = null!;
        if (args.Count < 2 || args[0] != "run")
        {
            return false;
        }

        string? script = null;
        string? cacheDirectory = null;
        bool noCache = false, events = false, noServer = false;
        var scriptArgs = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var token = args[i];
            switch (token)
            {
                case "--" when script is not null:
                    scriptArgs.AddRange(args.Skip(i + 1));
                    i = args.Count;
                    break;
                case "--no-cache" when !noCache:
                    noCache = true;
                    break;
                case "--events" when !events:
                    events = true;
                    break;
                case "--no-server" when !noServer:
                    noServer = true;
                    break;
                case "--cache-dir" when cacheDirectory is null && i + 1 < args.Count && IsPlainValue(args[i + 1]):
                    cacheDirectory = args[++i];
                    break;
                case var value when IsPlainValue(value):
                    if (script is null)
                    {
                        script = value;
                    }
                    else
                    {
                        scriptArgs.Add(value);
                    }

                    break;
                default:
                    return false;
            }
        }

        if (script is null)
        {
            return false;
        }

        request = new RunRequest(script, scriptArgs, cacheDirectory, noCache, events) { NoServer = noServer };
        return true;
    }

    /// <summary>A word the full parser can only take as a value: not an option, a response file or a help alias.</summary>
    private static bool IsPlainValue(string token) =>
        !token.StartsWith('-') && !token.StartsWith('@') && token is not ("/?" or "/h" or "/help");
}
