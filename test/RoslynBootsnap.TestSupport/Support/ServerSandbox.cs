using System.Diagnostics;
using RoslynBootsnap.Server;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// A runtime dir and a cache dir of a test's own, for command lines that use the compile server, and the
/// clean-up that leaves no server behind: every process serving this sandbox's socket is killed on dispose.
/// </summary>
internal sealed class ServerSandbox : IDisposable
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(60);

    /// <param name="temp">The test's temp dir.</param>
    /// <param name="idleSeconds">The server's idle timeout.</param>
    /// <param name="withoutRuntimeDirectory">
    /// No <c>XDG_RUNTIME_DIR</c>: the socket's dir is then <c>roslyn-bootsnap-&lt;uid&gt;</c> in a temp dir of this
    /// sandbox's own (<see cref="RuntimeDirectory"/>, as <c>TMPDIR</c>), where another user may make it first.
    /// </param>
    public ServerSandbox(TempDirectory temp, double idleSeconds = 120, bool withoutRuntimeDirectory = false)
    {
        Temp = temp;
        RuntimeDirectory = temp.Combine(withoutRuntimeDirectory ? "tmp" : "run");
        Directory.CreateDirectory(RuntimeDirectory);
        SocketDirectory = Path.Combine(
            RuntimeDirectory,
            withoutRuntimeDirectory ? "roslyn-bootsnap-" + RoslynBootsnap.Platform.Libc.geteuid().ToString(System.Globalization.CultureInfo.InvariantCulture) : "roslyn-bootsnap");
        SocketPath = ServerEndpoint.InDirectory(SocketDirectory);
        Environment = new Dictionary<string, string>
        {
            [CompileServer.NoServerVariable] = "0",
            ["XDG_RUNTIME_DIR"] = withoutRuntimeDirectory ? string.Empty : RuntimeDirectory,
            [ScriptCache.CacheDirectoryVariable] = temp.CacheDirectory,
            [CompileServer.IdleTimeoutVariable] = idleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (withoutRuntimeDirectory)
        {
            Environment["TMPDIR"] = RuntimeDirectory;
        }
    }

    public TempDirectory Temp { get; }

    public string RuntimeDirectory { get; }

    /// <summary>The directory of the socket: the server's private dir.</summary>
    public string SocketDirectory { get; }

    public string SocketPath { get; }

    /// <summary>The environment of a command line that uses this sandbox's server.</summary>
    public Dictionary<string, string> Environment { get; }

    public ProcessResult Run(params string[] arguments) => CliHost.Run(Temp.Path, Environment, arguments);

    public CompileServerStatus? Status => CompileServer.GetStatus(SocketPath);

    /// <summary>Runs a script once, which starts the server, and waits until the server answers.</summary>
    public CompileServerStatus StartServer()
    {
        var started = Run("run", Temp.Write("start.csx", "WriteLine(\"start\");"));
        Assert.That(started.ExitCode, Is.Zero, started.ToString());
        return WaitFor(() => Status, "the server to answer");
    }

    public static T WaitFor<T>(Func<T?> probe, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Bounded)
        {
            if (probe() is { } value && !(value is bool b && !b))
            {
                return value;
            }

            Thread.Sleep(50);
        }

        Assert.Fail($"Waited in vain for {what}.");
        return default!;
    }

    /// <summary>The processes started to serve this sandbox's socket, found by the variable their client set.</summary>
    public IReadOnlyList<int> ServerProcesses()
    {
        var marker = System.Text.Encoding.UTF8.GetBytes(CompileServer.SocketVariable + "=" + SocketPath + "\0");
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes(Path.Combine(directory, "environ")).AsSpan().IndexOf(marker) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        return found;
    }

    public static void Kill(int pid, string signal = "KILL") =>
        ChildProcess.Run(ChildProcess.StartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], "/"));

    public void Dispose()
    {
        CompileServer.Stop(SocketPath);
        foreach (var pid in ServerProcesses())
        {
            Kill(pid, "CONT");
            Kill(pid);
        }
    }
}
