using RoslynBootsnap.Server;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Server;

/// <summary>
/// The server's runtime dir as another user can prepare it: a link to a victim's dir, or a dir of their own that
/// everyone can write, with links inside. Neither the server nor its clients use such a dir; the script runs in
/// process.
/// </summary>
public sealed partial class CompileServerTests
{
    private const UnixFileMode AnyoneMayWrite = (UnixFileMode)0x1FF;

    private string SocketDirectory => Path.GetDirectoryName(_server.SocketPath)!;

    private static void RequireOtherUser()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to act as another user.");
        }
    }

    [Test]
    [Category("Process")]
    public void Run_RuntimeDirectoryLinkedToVictimByAnotherUser_RunsInProcessAndLeavesTheVictimAlone()
    {
        RequireOtherUser();
        var victim = _temp.Combine("victim");
        Directory.CreateDirectory(victim);
        File.SetUnixFileMode(victim, (UnixFileMode)0x1E8); // 0750
        var victimMode = File.GetUnixFileMode(victim);
        OtherUser.ShareDirectory(_temp.Path, _server.RuntimeDirectory);
        OtherUser.Shell(_temp.Path, $"ln -s '{victim}' '{SocketDirectory}'");
        _server.Environment[CompileServer.IdleTimeoutVariable] = "3";
        var path = _temp.Write("planted-link.csx", CountRoslyn);

        var result = _server.Run("run", "--events", path);
        var server = _server.Run("server", "run");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines("roslyn:"), Is.Not.EqualTo(new[] { "0" }), "compiled in process");
        Assert.That(Stderr(result), Is.EqualTo(new[]
        {
            $"roslyn-bootsnap: miss {path}",
            $"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerUntrustedDirectory})",
        }));
        Assert.That(server.ExitCode, Is.EqualTo(1), server.ToString());
        Assert.That(server.StandardError, Does.Contain("is a symbolic link"));
        Assert.That(File.GetUnixFileMode(victim), Is.EqualTo(victimMode), "the victim's dir is not chmodded through the link");
        Assert.That(Directory.EnumerateFileSystemEntries(victim), Is.Empty, "no socket, lock or warm-up in the victim's dir");
        Assert.That(_server.ServerProcesses(), Is.Empty, "no server was started for the planted dir");
    }

    [Test]
    [Category("Process")]
    public void Run_RuntimeDirectoryOfAnotherUserWritableByAll_RunsInProcessAndTouchesNothingThroughItsLinks()
    {
        RequireOtherUser();
        var secrets = _temp.Combine("secrets");
        var precious = _temp.Write("secrets/1/precious", "root's own");
        var lockName = Path.GetFileName(ServerEndpoint.GetLockPath(_server.SocketPath));
        OtherUser.ShareDirectory(_temp.Path, _server.RuntimeDirectory);

        // The warm-up's scratch dir and the server's lock, planted as links to what root owns.
        OtherUser.Shell(
            _temp.Path,
            $"mkdir -m 777 '{SocketDirectory}' && ln -s '{secrets}' '{SocketDirectory}/warm-up' && ln -s '{precious}' '{SocketDirectory}/{lockName}'");
        _server.Environment[CompileServer.IdleTimeoutVariable] = "5";
        var path = _temp.Write("planted-dir.csx", CountRoslyn);

        var result = _server.Run("run", "--events", path);
        var server = _server.Run("server", "run");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines("roslyn:"), Is.Not.EqualTo(new[] { "0" }), "compiled in process");
        Assert.That(Stderr(result), Is.EqualTo(new[]
        {
            $"roslyn-bootsnap: miss {path}",
            $"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerUntrustedDirectory})",
        }));
        Assert.That(server.ExitCode, Is.EqualTo(1), server.ToString());
        Assert.That(server.StandardError, Does.Contain("is writable by group or others"));
        Assert.That(File.GetUnixFileMode(SocketDirectory), Is.EqualTo(AnyoneMayWrite), "refused, not repaired");
        Assert.That(File.ReadAllText(precious), Is.EqualTo("root's own"));
        Assert.That(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(precious)!), Is.EqualTo(new[] { precious }), "nothing written or removed through the links");
        Assert.That(File.Exists(_server.SocketPath), Is.False);
        Assert.That(_server.ServerProcesses(), Is.Empty, "no server was started for the planted dir");
    }

    [Test]
    [Category("Process")]
    public void Run_ListenerOfAnotherUserInItsOwnDirectory_IsNeverConnectedTo()
    {
        RequireOtherUser();
        OtherUser.ShareDirectory(_temp.Path, _server.RuntimeDirectory);

        // The other user's own server stands in for a hostile listener: it counts every connection it is offered.
        var hostile = new Dictionary<string, string>(_server.Environment) { [CompileServer.SocketVariable] = _server.SocketPath };
        using var listener = CliHost.StartAsNobody(_temp, hostile, "server", "run");
        ServerSandbox.WaitFor(() => File.Exists(_server.SocketPath), "the other user's listener");
        var path = _temp.Write("hostile.csx", CountRoslyn);

        var result = _server.Run("run", "--events", path);
        var status = CliHost.RunAsNobody(_temp, hostile, "server", "status");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines("roslyn:"), Is.Not.EqualTo(new[] { "0" }), "compiled in process");
        Assert.That(Stderr(result), Is.EqualTo(new[]
        {
            $"roslyn-bootsnap: miss {path}",
            $"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerUntrustedDirectory})",
        }));
        Assert.That(status.Lines("refused:"), Is.EqualTo(new[] { "0" }), status.ToString());
        Assert.That(status.Lines("requests:"), Is.EqualTo(new[] { "0" }), status.ToString());
    }
}
