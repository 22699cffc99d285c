using System.CommandLine;
using System.Globalization;

namespace RoslynBootsnap.Cli;

/// <summary>
/// <c>roslyn-bootsnap server run|status|stop</c>: the per-user compile server itself (as <c>run</c> starts it),
/// reports on it, and stops it.
/// </summary>
internal static class ServerCommand
{
    public static Command Create(CommandLineOptions options)
    {
        var run = new Command("run", "Serve compiles in the foreground until idle ($ROSLYN_BOOTSNAP_SERVER_IDLE_TIMEOUT); 'run' starts one this way on a miss.");
        run.SetAction((result, cancellationToken) =>
        {
            // Read for its checks only: the server serves every cache dir its user uses.
            _ = options.Read(result);
            return RunAsync(cancellationToken);
        });

        var status = new Command("status", "Say whether the compile server runs, and what it has done.");
        status.SetAction(result =>
        {
            _ = options.Read(result);
            return Status();
        });

        var stop = new Command("stop", "Stop the compile server.");
        stop.SetAction(result =>
        {
            _ = options.Read(result);
            return Stop();
        });

        return new Command("server", "The per-user compile server that compiles misses for 'run' with a warm compiler.")
        {
            run, status, stop,
        };
    }

    private static string SocketPath() =>
        ScriptEnvironment.ServerSocket is { Length: > 0 } socket ? socket : CompileServer.GetSocketPath();

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var idle = CliCompileServer.IdleTimeout() ?? CompileServer.DefaultIdleTimeout;
        try
        {
            await CompileServer.RunAsync(SocketPath(), idle, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // A socket dir that is not this user's alone: no server, and clients compile in process.
            await Console.Error.WriteLineAsync($"roslyn-bootsnap: no compile server: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static int Status()
    {
        var socket = SocketPath();
        if (CompileServer.GetStatus(socket) is not { } status)
        {
            Console.WriteLine($"not running ({socket})");
            return ExitCodes.Failure;
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"running ({socket})");
        Console.WriteLine(string.Create(c, $"pid: {status.ProcessId}"));
        Console.WriteLine($"version: {status.Version}");
        Console.WriteLine(string.Create(c, $"uptime: {(long)status.Uptime.TotalSeconds} s"));
        Console.WriteLine(string.Create(c, $"requests: {status.Requests}"));
        Console.WriteLine(string.Create(c, $"compiles: {status.Compiles}"));
        Console.WriteLine(string.Create(c, $"refused: {status.Refused}"));
        Console.WriteLine(string.Create(c, $"in-flight: {status.InFlight}"));
        Console.WriteLine(string.Create(c, $"memory: {status.WorkingSet / (1024 * 1024)} MiB"));
        return ExitCodes.Success;
    }

    private static int Stop()
    {
        var socket = SocketPath();
        var stopped = CompileServer.Stop(socket);
        Console.WriteLine(stopped ? "stopped" : $"not running ({socket})");
        return ExitCodes.Success;
    }
}
