using System.Runtime.InteropServices;

namespace RoslynBootsnap.Cli;

/// <summary>
/// The plain <c>run &lt;script&gt; [options] [args] [-- args]</c> shape, parsed by hand so that a warm run does not
/// build and run System.CommandLine's parser (about a tenth of a warm run). Anything else (help, a response
/// file, <c>--opt=value</c>, a repeated or unknown option, a missing script) goes to the full parser, which
/// owns every usage error; this class only ever accepts a command line the full parser reads the same way.
/// </summary>
internal static class RunShortcut
{
    /// <summary>As System.CommandLine: how long a signalled run may take to stop before the process gives up on it.</summary>
    private static readonly TimeSpan TerminationTimeout = TimeSpan.FromSeconds(2);

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
        bool noCache = false, events = false;
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

        request = new RunRequest(script, scriptArgs, cacheDirectory, noCache, events);
        return true;
    }

    /// <summary>
    /// Runs the request as the full parser's invocation would: SIGINT and SIGTERM cancel the run, a run that
    /// does not stop within the termination timeout exits 130 or 143, and an exception that escapes prints
    /// System.CommandLine's "Unhandled exception" line and exits 1.
    /// </summary>
    public static async Task<int> InvokeAsync(RunRequest request)
    {
        using var cancellation = new CancellationTokenSource();
        var forced = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            var exitCode = context.Signal == PosixSignal.SIGINT ? 130 : 143;
            cancellation.Cancel();
            _ = Task.Delay(TerminationTimeout).ContinueWith(_ => forced.TrySetResult(exitCode), TaskScheduler.Default);
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            var run = ScriptRunner.RunAsync(request, Console.Error, cancellation.Token);
            return await (await Task.WhenAny(run, forced.Task).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync("Unhandled exception: " + e).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>A word the full parser can only take as a value: not an option, a response file or a help alias.</summary>
    private static bool IsPlainValue(string token) =>
        !token.StartsWith('-') && !token.StartsWith('@') && token is not ("/?" or "/h" or "/help");
}
