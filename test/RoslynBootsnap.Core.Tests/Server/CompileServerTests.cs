using System.Diagnostics;
using System.Runtime.Versioning;
using RoslynBootsnap.Server;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Server;

/// <summary>The per-user compile server, with real server and client processes.</summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class CompileServerTests
{
    private const string CountRoslyn =
        "WriteLine(\"roslyn: \" + AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name!.StartsWith(\"Microsoft.CodeAnalysis\")));";

    private TempDirectory _temp = null!;
    private ServerSandbox _server = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _server = new ServerSandbox(_temp);
    }

    [TearDown]
    public void TearDown()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    private static IReadOnlyList<string> Stderr(ProcessResult result) => CliHost.LinesOf(result.StandardError);

    /// <summary>A valid script whose compile takes a while: overload resolution of nested lambdas is exponential.</summary>
    private string WriteSlowScript(string name, int depth = 8)
    {
        var inner = "0";
        for (var i = depth - 1; i >= 0; i--)
        {
            inner = $"M(x{i} => x{i}.Length + {inner})";
        }

        return _temp.Write(name, $"""
            static int M(Func<int, int> f) => 0;
            static int M(Func<string, int> f) => 1;
            static int M(Func<long, int> f) => 0;
            WriteLine("slow " + {inner});
            """);
    }

    [Test]
    [Category("Process")]
    public void Run_MissWithServerRunning_CompilesInServerAndLoadsNoRoslyn()
    {
        _server.StartServer();
        var path = _temp.Write("edited.csx", CountRoslyn);

        var result = _server.Run("run", "--events", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stderr(result), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {path}" }), result.ToString());
        Assert.That(result.Lines("roslyn:"), Is.EqualTo(new[] { "0" }), "a miss compiled by the server loads no Roslyn in the client");
        Assert.That(_server.Status!.Compiles, Is.EqualTo(1));
    }

    [Test]
    [Category("Process")]
    public void Run_BaseDirectoryOnClientOnly_ServerWritesTheEntryTheClientReads()
    {
        _server.StartServer();
        var path = _temp.Write("app/relocatable.csx", CountRoslyn);
        var baseDirectory = Path.GetDirectoryName(path)!;

        var result = _server.Run("run", "--base-dir", baseDirectory, "--events", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stderr(result), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {path}" }), "the server keys the entry under the client's base dir");
        Assert.That(result.Lines("roslyn:"), Is.EqualTo(new[] { "0" }));
        Assert.That(_server.Status!.Compiles, Is.EqualTo(1));
    }

    [Test]
    [Category("Process")]
    public void Run_MissCompiledByServer_PrintsItsWarnings()
    {
        _server.StartServer();
        var path = _temp.Write("warns.csx", "#warning check this\n" + CountRoslyn);

        var result = _server.Run("run", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stderr(result), Is.EqualTo(new[] { $"{path}(1,10): warning CS1030: #warning: 'check this'" }));
        Assert.That(result.Lines("roslyn:"), Is.EqualTo(new[] { "0" }), "the server compiled it");
    }

    [Test]
    [Category("Process")]
    public void Run_NoServerRunning_CompilesInProcessAndStartsOne()
    {
        var path = _temp.Write("first.csx", CountRoslyn);

        var result = _server.Run("run", "--events", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stderr(result), Is.EqualTo(new[]
        {
            $"roslyn-bootsnap: miss {path}",
            $"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerNotRunning})",
        }));
        Assert.That(result.Lines("roslyn:"), Is.Not.EqualTo(new[] { "0" }));
        var status = ServerSandbox.WaitFor(() => _server.Status, "the server the miss started");
        Assert.That(status.Version, Is.EqualTo(CompileServer.Version));
    }

    [Test]
    [Category("Process")]
    public void Run_CompileErrorsInServer_SameMessageAsInProcess()
    {
        _server.StartServer();
        var path = _temp.Write("broken.csx", "x y");

        var viaServer = _server.Run("run", "--events", path);
        var inProcess = _server.Run("run", "--no-server", path);

        Assert.That(viaServer.ExitCode, Is.EqualTo(1), viaServer.ToString());
        Assert.That(viaServer.StandardError, Does.Not.Contain("server-fallback"));
        Assert.That(viaServer.StandardError, Does.Contain("error CS1002"));
        Assert.That(Stderr(viaServer).Where(l => !l.StartsWith("roslyn-bootsnap:", StringComparison.Ordinal)), Is.EqualTo(Stderr(inProcess)));
    }

    [Test]
    [Category("Process")]
    public void Run_ServerKilled_FallsBackOnStaleSocketAndStartsAnother()
    {
        var first = _server.StartServer();
        ServerSandbox.Kill(first.ProcessId);
        ServerSandbox.WaitFor(() => !Process.GetProcesses().Any(p => p.Id == first.ProcessId), "the server to die");
        Assert.That(File.Exists(_server.SocketPath), Is.True, "a killed server leaves its socket file");
        var path = _temp.Write("after-kill.csx", "WriteLine(\"ran\");");

        var result = _server.Run("run", "--events", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("ran"));
        Assert.That(Stderr(result), Does.Contain($"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerStaleSocket})"));
        var second = ServerSandbox.WaitFor(() => _server.Status, "a new server");
        Assert.That(second.ProcessId, Is.Not.EqualTo(first.ProcessId));
    }

    [Test]
    [Category("Process")]
    public void Run_ServerStopped_FallsBackNotRunning()
    {
        _server.StartServer();
        var stop = _server.Run("server", "stop");
        Assert.That(stop.StandardOutput, Does.Contain("stopped"), stop.ToString());
        ServerSandbox.WaitFor(() => !File.Exists(_server.SocketPath), "the socket to go");
        var path = _temp.Write("after-stop.csx", "WriteLine(\"ran\");");

        var result = _server.Run("run", "--events", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stderr(result), Does.Contain($"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerNotRunning})"));
    }

    [Test]
    [Category("Process")]
    public void Run_SocketReplacedByFile_FallsBack()
    {
        _server.StartServer();
        File.Move(_server.SocketPath, _server.SocketPath + ".moved");
        File.WriteAllText(_server.SocketPath, "not a socket");
        var path = _temp.Write("unreachable.csx", "WriteLine(\"ran\");");

        var result = _server.Run("run", "--events", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("ran"));
        Assert.That(Stderr(result), Has.Some.StartWith($"roslyn-bootsnap: server-fallback {path} (server-"));
    }

    [Test]
    [Category("Process")]
    public void Run_ServerOfAnotherVersion_FallsBack()
    {
        using var stop = new CancellationTokenSource();
        var other = ServerHost.RunAsync(_server.SocketPath, TimeSpan.FromMinutes(2), stop.Token, identity: "0.0.0|other|1.0");
        ServerSandbox.WaitFor(() => File.Exists(_server.SocketPath), "the other version's socket");
        var path = _temp.Write("versioned.csx", "WriteLine(\"ran\");");

        var result = _server.Run("run", "--events", path);
        stop.Cancel();
        Assert.That(other.Wait(TimeSpan.FromSeconds(30)), Is.True);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("ran"));
        Assert.That(Stderr(result), Does.Contain($"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerOtherVersion})"));
        Assert.That(CompileServer.GetStatus(_server.SocketPath), Is.Null, "status, too, talks to its own version only");
    }

    [Test]
    [Category("Process")]
    public void Run_ServerWithAnotherCompiler_CompilesInProcess()
    {
        using var stop = new CancellationTokenSource();
        var other = ServerHost.RunAsync(_server.SocketPath, TimeSpan.FromMinutes(2), stop.Token, compiler: 0xc0de);
        ServerSandbox.WaitFor(() => File.Exists(_server.SocketPath), "the other compiler's socket");
        var path = _temp.Write("compiled-elsewhere.csx", "WriteLine(\"ran\");");

        var result = _server.Run("run", "--events", path);
        var status = CompileServer.GetStatus(_server.SocketPath);
        stop.Cancel();
        Assert.That(other.Wait(TimeSpan.FromSeconds(30)), Is.True);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("ran"));
        Assert.That(Stderr(result), Does.Contain($"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerOtherCompiler})"));
        Assert.That(status, Is.Not.Null, "the server is of this version");
        Assert.That(status!.Compiles, Is.Zero, "the server compiled nothing");
    }

    [Test]
    [Category("Process")]
    public void Run_ServerHung_FallsBackAfterTimeout()
    {
        var status = _server.StartServer();
        ServerSandbox.Kill(status.ProcessId, "STOP");
        var path = _temp.Write("hung.csx", "WriteLine(\"ran\");");
        _server.Environment[CliCompileServerTimeout] = "2";

        var result = _server.Run("run", "--events", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("ran"));
        Assert.That(Stderr(result), Does.Contain($"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerTimeout})"));
    }

    [TestCase(false)]
    [TestCase(true)]
    [Category("Process")]
    public void Run_ServerSilentOrTrickling_GivesUpWithinTheTimeoutAndRunsInProcess(bool trickle)
    {
        using var hostile = new HostileServer(_server.SocketPath, trickle);
        var path = _temp.Write("hostile.csx", "WriteLine(\"ran\");");
        _server.Environment[CliCompileServerTimeout] = "3";

        // Bounded well past the timeout, for the in-process compile that follows and a busy machine; a client that
        // waits per receive rather than for the whole answer never gets here.
        using var client = CliHost.Start(_temp.Path, _server.Environment, "run", "--events", path);
        var result = client.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("ran"));
        Assert.That(Stderr(result), Does.Contain($"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerTimeout})"), result.ToString());
        Assert.That(hostile.Accepted, Is.EqualTo(1));
    }

    [Test]
    [Category("Process")]
    public void Run_ServerKilledMidCompile_FallsBackCrashed()
    {
        var status = _server.StartServer();
        var path = WriteSlowScript("crash.csx");
        using var client = CliHost.Start(_temp.Path, _server.Environment, "run", "--events", path);
        ServerSandbox.WaitFor(() => _server.Status is { InFlight: > 0 }, "the compile to begin");

        ServerSandbox.Kill(status.ProcessId);
        var result = client.WaitForExit(TimeSpan.FromMinutes(2));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("slow 1"));
        Assert.That(result.StandardError, Does.Contain($"server-fallback {path} ({CacheSteps.ServerCrashed})"));
    }

    [Test]
    [Category("Process")]
    public void Run_ClientKilledMidRequest_ServerStaysHealthy()
    {
        _server.StartServer();
        var path = WriteSlowScript("abandoned.csx");
        using (var client = CliHost.Start(_temp.Path, _server.Environment, "run", path))
        {
            ServerSandbox.WaitFor(() => _server.Status is { InFlight: > 0 }, "the compile to begin");
            client.Kill();
        }

        ServerSandbox.WaitFor(() => _server.Status is { InFlight: 0 }, "the abandoned compile to finish");
        var result = _server.Run("run", "--events", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stderr(result), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {path}" }), "the server finished and wrote the entry");
        Assert.That(_server.Status!.Compiles, Is.EqualTo(1));
    }

    [Test]
    [Category("Process")]
    public void Run_SixteenClientsOnTwoScripts_OneCompilePerScript()
    {
        _server.StartServer();
        string[] paths = [_temp.Write("one.csx", "WriteLine(\"one\");"), _temp.Write("two.csx", "WriteLine(\"two\");")];

        var clients = Enumerable.Range(0, 16)
            .Select(i => CliHost.Start(_temp.Path, _server.Environment, "run", "--events", paths[i % 2]))
            .ToList();
        try
        {
            foreach (var client in clients)
            {
                var result = client.WaitForExit(TimeSpan.FromMinutes(2));
                Assert.That(result.ExitCode, Is.Zero, result.ToString());
                Assert.That(result.StandardError, Does.Not.Contain("server-fallback"), result.ToString());
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        var status = _server.Status!;
        Assert.That(status.Compiles, Is.EqualTo(2));
        Assert.That(status.Requests, Is.LessThanOrEqualTo(16));
    }

    [Test]
    [Category("Process")]
    public void Run_AnotherUser_IsRefused()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to act as another user.");
        }

        _server.StartServer();

        // Open the way to the socket, as a careless chmod would. The other user's client refuses a dir that is not
        // its own 0700 one; a raw connect as that user is then left to the server's own check.
        var socketDirectory = Path.GetDirectoryName(_server.SocketPath)!;
        OtherUser.ShareDirectory(_temp.Path, socketDirectory);
        File.SetUnixFileMode(socketDirectory, (UnixFileMode)0x1ED);
        File.SetUnixFileMode(_server.SocketPath, (UnixFileMode)0x1FF);
        OtherUser.ShareDirectory(_temp.Path, _temp.Path);
        OtherUser.Shell(_temp.Path, "mkdir -m 700 nobody-cache");
        var nobodyCache = _temp.Combine("nobody-cache");
        var path = _temp.Write("other-user.csx", "WriteLine(\"ran\");");
        File.SetUnixFileMode(path, (UnixFileMode)0x1A4);

        var result = CliHost.RunAsNobody(
            _temp,
            new Dictionary<string, string>(_server.Environment) { [ScriptCache.CacheDirectoryVariable] = nobodyCache },
            "run",
            "--events",
            path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("ran"));
        Assert.That(Stderr(result), Does.Contain($"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerUntrustedDirectory})"));
        OtherUser.Shell(_temp.Path, $"python3 -c \"import socket; s = socket.socket(socket.AF_UNIX); s.connect('{_server.SocketPath}'); s.recv(64)\"");

        // Closed again, or this client too would refuse the dir.
        File.SetUnixFileMode(socketDirectory, OwnerOnly);
        var status = _server.Status!;
        Assert.That(status.Refused, Is.EqualTo(1));
        Assert.That(status.Requests, Is.Zero);
    }

    [Test]
    [Category("Process")]
    public void Run_ServerInAGroupTheClientIsNot_ClientCompilesWithItsOwnRights()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to act as another user.");
        }

        // A group the server's user is in and its client, the same user in a session without it, is not.
        const string Group = "4242";
        const string Secret = "group-secret-7f3a";
        OtherUser.ShareDirectory(_temp.Path, _temp.Path);
        OtherUser.Shell(_temp.Path, "mkdir -m 700 nobody-run nobody-cache nobody-cache-in-process");
        var secret = _temp.Write("secret.csx", $"WriteLine(\"{Secret}\");");
        Assert.That(ChildProcess.Run(ChildProcess.StartInfo("chown", ["0:" + Group, secret], "/")).ExitCode, Is.Zero);
        File.SetUnixFileMode(secret, (UnixFileMode)0x1A0);
        var path = _temp.Write("loads-secret.csx", "#load \"secret.csx\"\nWriteLine(\"ran\");");
        File.SetUnixFileMode(path, (UnixFileMode)0x1A4);
        var socketPath = ServerEndpoint.InDirectory(Path.Join(_temp.Combine("nobody-run"), "roslyn-bootsnap"));
        var environment = new Dictionary<string, string>
        {
            [CompileServer.NoServerVariable] = "0",
            ["XDG_RUNTIME_DIR"] = _temp.Combine("nobody-run"),
            [ScriptCache.CacheDirectoryVariable] = _temp.Combine("nobody-cache"),
            [CompileServer.IdleTimeoutVariable] = "120",
        };
        var copy = TestHost.CopyForNobody(_temp);
        var serverInfo = ChildProcess.StartInfo(
            "setpriv",
            ["--reuid=" + TestHost.NobodyId, "--regid=" + TestHost.NobodyId, "--groups=" + Group, "--", TestHost.Dotnet, Path.Combine(copy, "roslyn-bootsnap.dll"), "server", "run"],
            _temp.Path);
        foreach (var (name, value) in environment)
        {
            serverInfo.Environment[name] = value;
        }

        serverInfo.Environment["HOME"] = copy;
        serverInfo.Environment[CompileServer.SocketVariable] = socketPath;
        using var server = new RunningHost(serverInfo);
        ServerSandbox.WaitFor(() => File.Exists(socketPath), "the server in the group to listen");

        var viaServer = CliHost.RunAsNobody(_temp, environment, "run", "--events", path);
        var inProcess = CliHost.RunAsNobody(
            _temp,
            new Dictionary<string, string>(environment) { [ScriptCache.CacheDirectoryVariable] = _temp.Combine("nobody-cache-in-process") },
            "run",
            "--no-server",
            path);
        var status = CliHost.RunAsNobody(_temp, environment, "server", "status");

        Assert.That(viaServer.StandardOutput, Does.Not.Contain(Secret));
        foreach (var file in Directory.EnumerateFiles(_temp.Combine("nobody-cache"), "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.That(
                bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Secret)) < 0 && bytes.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(Secret)) < 0,
                Is.True,
                $"{file} holds nothing of the file the client cannot read");
        }
        Assert.That(inProcess.ExitCode, Is.Not.Zero, "the client cannot read the file it loads: " + inProcess);
        Assert.That(viaServer.ExitCode, Is.EqualTo(inProcess.ExitCode), viaServer.ToString());
        Assert.That(Stderr(viaServer), Does.Contain($"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerOtherGroups})"), viaServer.ToString());
        Assert.That(Stderr(viaServer).Where(l => !l.StartsWith("roslyn-bootsnap:", StringComparison.Ordinal)), Is.EqualTo(Stderr(inProcess)), "the read error it gets in process");

        Assert.That(status.Lines("compiles:"), Is.EqualTo(new[] { "0" }), status.ToString());
        Assert.That(status.Lines("refused:"), Is.EqualTo(new[] { "1" }), status.ToString());
    }

    [Test]
    [Category("Process")]
    public void Server_GarbageAndHalfRequests_StaysHealthy()
    {
        var before = _server.StartServer();
        foreach (var bytes in new[] { new byte[] { 0xff, 0xff, 0xff, 0x7f }, [5, 0, 0, 0, 1, 2], [3, 0, 0, 0, 1, 0, 0] })
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(_server.SocketPath));
            socket.Send(bytes);
        }

        var path = _temp.Write("after-garbage.csx", "WriteLine(\"ran\");");
        var result = _server.Run("run", "--events", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stderr(result), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {path}" }), result.ToString());
        Assert.That(_server.Status!.ProcessId, Is.EqualTo(before.ProcessId));
    }

    [TestCase(false)]
    [TestCase(true)]
    [Category("Process")]
    public void Server_ClientSilentOrTrickling_IsDropped(bool trickle)
    {
        var before = _server.StartServer();
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(_server.SocketPath));

        // The start of a frame, then a byte a second that never completes it; or nothing at all.
        byte[] pending = trickle ? [100, 0, 0, 0, .. new byte[100]] : [];
        var dropped = ServerSandbox.WaitFor(
            () =>
            {
                if (pending.Length > 0)
                {
                    socket.Send(pending.AsSpan(0, 1));
                    pending = pending[1..];
                }

                // Readable with nothing to read: the server closed its end.
                return socket.Poll(TimeSpan.FromSeconds(1), System.Net.Sockets.SelectMode.SelectRead) && socket.Available == 0;
            },
            "the server to drop the stalled connection");

        Assert.That(dropped, Is.True);
        Assert.That(pending, trickle ? Is.Not.Empty : Is.Empty, "a trickling client is dropped before its request is whole");
        Assert.That(_server.Status!.ProcessId, Is.EqualTo(before.ProcessId), "the server lives on");
    }

    [Test]
    [Category("Process")]
    public void Server_IdleWithSilentClientConnected_StillExits()
    {
        _server.Environment[CompileServer.IdleTimeoutVariable] = "5";
        var status = _server.StartServer();
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(_server.SocketPath));

        ServerSandbox.WaitFor(() => !Process.GetProcesses().Any(p => p.Id == status.ProcessId), "the idle server to exit");

        Assert.That(File.Exists(_server.SocketPath), Is.False);
    }

    [Test]
    [Category("Process")]
    public void Server_Started_WarmsUpInItsOwnDirectoryAndLeavesNothingBehind()
    {
        _server.StartServer();
        var scratch = Path.Join(Path.GetDirectoryName(_server.SocketPath)!, "warm-up");

        // The warm-up's scratch scripts and entries live in a folder of their own, removed when it is done.
        ServerSandbox.WaitFor(() => Directory.Exists(scratch) && !Directory.EnumerateFileSystemEntries(scratch).Any(), "the warm-up to finish");
        var edited = _server.Run("run", "--events", _temp.Write("edited.csx", "WriteLine(\"edited\");"));

        Assert.That(edited.ExitCode, Is.Zero, edited.ToString());
        Assert.That(Stderr(edited), Has.None.Contains("server-fallback"), edited.ToString());
        Assert.That(
            Directory.EnumerateFiles(_temp.CacheDirectory, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.server", StringComparison.Ordinal)).Count(),
            Is.EqualTo(2),
            "the client's cache holds the two scripts it ran, nothing of the warm-up's");
        Assert.That(_server.Status!.Compiles, Is.EqualTo(1), "warm-up compiles are not the clients'");
    }

    [Test]
    [Category("Process")]
    public void Server_IdleTimeout_Exits()
    {
        // Long enough to outlive the in-process compile of the miss that starts it, even on a machine busy with other
        // test lanes, and well inside the wait for it to exit.
        _server.Environment[CompileServer.IdleTimeoutVariable] = "20";
        var status = _server.StartServer();

        ServerSandbox.WaitFor(() => !Process.GetProcesses().Any(p => p.Id == status.ProcessId), "the idle server to exit");

        Assert.That(File.Exists(_server.SocketPath), Is.False);
        Assert.That(_server.Run("server", "status").StandardOutput, Does.StartWith("not running"));
    }

    [TestCase("--no-server")]
    [TestCase(null)]
    [Category("Process")]
    public void Run_ServerTurnedOff_CompilesInProcessAndStartsNone(string? option)
    {
        if (option is null)
        {
            _server.Environment[CompileServer.NoServerVariable] = "1";
        }

        var path = _temp.Write("off.csx", "WriteLine(\"ran\");");

        var result = _server.Run(["run", "--events", .. option is null ? Array.Empty<string>() : [option], path]);

        Assert.That(Stderr(result), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {path}" }), result.ToString());
        Assert.That(_server.ServerProcesses(), Is.Empty);
        Assert.That(File.Exists(_server.SocketPath), Is.False);
    }

    [Test]
    [Category("Process")]
    public void Status_RunningServer_ReportsIt()
    {
        var status = _server.StartServer();

        var result = _server.Run("server", "status");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines("pid:"), Is.EqualTo(new[] { status.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.That(result.Lines("version:"), Is.EqualTo(new[] { CompileServer.Version }));
    }

    private const string CliCompileServerTimeout = "ROSLYN_BOOTSNAP_SERVER_TIMEOUT";
}
