using System.Runtime.InteropServices;

namespace RoslynBootsnap.Cli;

/// <summary>
/// Invokes <c>run</c> the same way whichever parser read the command line. SIGINT and SIGTERM cancel the run;
/// a run that does not stop within the termination timeout (a script busy in synchronous code cannot be
/// interrupted) is abandoned, and the process exits 130 or 143 all the same. A second signal does not wait.
/// An exception that escapes prints System.CommandLine's "Unhandled exception" line and exits 1.
/// </summary>
internal static class RunInvocation
{
    /// <summary>As System.CommandLine: how long a signalled run may take to stop before the process gives up on it.</summary>
    public static readonly TimeSpan TerminationTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Runs the request and answers the exit code; see the class remarks.</summary>
    /// <remarks>
    /// The script runs on this thread, as it would without signals: a warm run starts no thread of its own and
    /// never the thread pool's. A script busy in synchronous code keeps this thread, so the way out on a signal
    /// is <see cref="Environment.Exit(int)"/> from the signal's own thread once the timeout has passed.
    /// </remarks>
    public static Task<int> InvokeAsync(RunRequest request) => Task.FromResult(Invoke(request));

    private static int Invoke(RunRequest request)
    {
        using var cancellation = new CancellationTokenSource();
        var signalled = 0;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            var exitCode = context.Signal == PosixSignal.SIGINT ? 130 : 143;
            if (Interlocked.CompareExchange(ref signalled, exitCode, 0) != 0)
            {
                // A second signal does not wait.
                Environment.Exit(Volatile.Read(ref signalled));
            }

            cancellation.Cancel();
            _ = Task.Delay(TerminationTimeout).ContinueWith(_ => Environment.Exit(exitCode), TaskScheduler.Default);
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            return ScriptRunner.RunAsync(request, Console.Error, cancellation.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (Volatile.Read(ref signalled) != 0)
        {
            return Volatile.Read(ref signalled);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("Unhandled exception: " + e);
            return ExitCodes.Failure;
        }
    }
}
