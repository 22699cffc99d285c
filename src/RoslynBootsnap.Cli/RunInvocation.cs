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

    public static async Task<int> InvokeAsync(RunRequest request)
    {
        using var cancellation = new CancellationTokenSource();
        var signalled = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var forced = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            var exitCode = context.Signal == PosixSignal.SIGINT ? 130 : 143;
            if (!signalled.TrySetResult(exitCode))
            {
                forced.TrySetResult(signalled.Task.Result);
                return;
            }

            cancellation.Cancel();
            _ = Task.Delay(TerminationTimeout).ContinueWith(_ => forced.TrySetResult(exitCode), TaskScheduler.Default);
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            // The run is on a worker thread (see ScriptRunner), so this thread is free to give up on it.
            var run = ScriptRunner.RunAsync(request, Console.Error, cancellation.Token);
            return await (await Task.WhenAny(run, forced.Task).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (signalled.Task.IsCompleted)
        {
            return signalled.Task.Result;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync("Unhandled exception: " + e).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
