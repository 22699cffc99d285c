using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> on 127.0.0.1 at a free port, with no persistence and its files in a temp dir, stopped
/// on dispose. Tests that need one are ignored where the server is not installed (<c>.ci/run</c> installs it).
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private const string Executable = "/usr/bin/redis-server";

    private readonly Process _process;
    private readonly TempDirectory _directory = new();

    private RedisServer(int port, string[] extraArguments)
    {
        Port = port;
        var info = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory.Path,
        };
        foreach (var argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", _directory.Path, "--protected-mode", "no", .. extraArguments])
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>
    /// The connection string the library takes, with bounds wide enough for a test machine loaded far past its
    /// cores (the defaults are for production); a test of a bound sets its own.
    /// </summary>
    public string Url => $"redis://127.0.0.1:{Port},connectTimeout=20000,syncTimeout=2000";

    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Starts a server and waits until it answers PING.</summary>
    public static RedisServer Start(params string[] extraArguments)
    {
        if (!IsInstalled)
        {
            Assert.Ignore($"{Executable} is not installed.");
        }

        var server = new RedisServer(FreePort(), extraArguments);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (server.Command("PING") != "+PONG")
        {
            if (DateTime.UtcNow > deadline || server._process.HasExited)
            {
                server.Dispose();
                Assert.Fail("redis-server did not start.");
            }

            Thread.Sleep(20);
        }

        return server;
    }

    /// <summary>Sends one command and answers the first line of the reply, or null when it cannot or none comes within a second.</summary>
    public string? Command(params string[] words)
    {
        try
        {
            using var client = new TcpClient { ReceiveTimeout = 1000 };
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            var request = new StringBuilder().Append('*').Append(words.Length).Append("\r\n");
            foreach (var word in words)
            {
                request.Append('$').Append(Encoding.UTF8.GetByteCount(word)).Append("\r\n").Append(word).Append("\r\n");
            }

            stream.Write(Encoding.UTF8.GetBytes(request.ToString()));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadLine();
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return null;
        }
    }

    /// <summary>How many keys the server holds.</summary>
    public long KeyCount => long.Parse(Command("DBSIZE")!.TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Kills the server where it stands, as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _directory.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
