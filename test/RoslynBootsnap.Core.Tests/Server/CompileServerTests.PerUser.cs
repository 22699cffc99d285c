using System.Globalization;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Server;

/// <summary>
/// The per-user server without <c>XDG_RUNTIME_DIR</c>: its dir is <c>roslyn-bootsnap-&lt;uid&gt;</c> in the temp dir,
/// one server serves every cache dir of its user, and a dir someone else made there first is never used.
/// </summary>
public sealed partial class CompileServerTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Test]
    [Category("Process")]
    public void Run_TwoCacheDirectories_OneServerCompilesIntoEach()
    {
        using var server = new ServerSandbox(_temp, withoutRuntimeDirectory: true);
        var started = server.StartServer();
        var otherCache = _temp.Combine("other-cache");
        var path = _temp.Write("shared.csx", CountRoslyn);

        var first = server.Run("run", "--events", path);
        server.Environment[ScriptCache.CacheDirectoryVariable] = otherCache;
        var second = server.Run("run", "--events", path);
        var again = server.Run("run", "--events", path);
        var status = server.Run("server", "status");

        foreach (var result in new[] { first, second })
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(Stderr(result), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {path}" }), result.ToString());
            Assert.That(result.Lines("roslyn:"), Is.EqualTo(new[] { "0" }), "compiled by the server");
        }

        Assert.That(Stderr(again), Has.None.StartsWith("roslyn-bootsnap: miss"), "the server wrote the entry into the second cache dir");
        Assert.That(server.ServerProcesses(), Is.EqualTo(new[] { started.ProcessId }), "one server for both cache dirs");
        Assert.That(status.Lines("pid:"), Is.EqualTo(new[] { started.ProcessId.ToString(CultureInfo.InvariantCulture) }), status.ToString());
        Assert.That(status.Lines("compiles:"), Is.EqualTo(new[] { "2" }), status.ToString());
        Assert.That(File.GetUnixFileMode(server.SocketDirectory), Is.EqualTo(OwnerOnly));
    }

    [Test]
    [Category("Process")]
    public void Run_PerUserDirectoryMadeFirstByAnotherUser_RunsInProcessAndStartsNoServer()
    {
        RequireOtherUser();
        using var server = new ServerSandbox(_temp, idleSeconds: 3, withoutRuntimeDirectory: true);
        OtherUser.ShareDirectory(_temp.Path, server.RuntimeDirectory);
        OtherUser.Shell(_temp.Path, $"mkdir -m 700 '{server.SocketDirectory}'");
        var path = _temp.Write("planted.csx", CountRoslyn);

        var result = server.Run("run", "--events", path);
        var serve = server.Run("server", "run");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines("roslyn:"), Is.Not.EqualTo(new[] { "0" }), "compiled in process");
        Assert.That(Stderr(result), Is.EqualTo(new[]
        {
            $"roslyn-bootsnap: miss {path}",
            $"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerUntrustedDirectory})",
        }));
        Assert.That(serve.ExitCode, Is.EqualTo(1), serve.ToString());
        Assert.That(serve.StandardError, Does.Contain($"is owned by user {TestHost.NobodyId}"));
        Assert.That(server.ServerProcesses(), Is.Empty, "no server was started for the planted dir");
        Assert.That(Directory.EnumerateFileSystemEntries(server.SocketDirectory), Is.Empty, "nothing written into it");
    }

    [Test]
    [Category("Process")]
    public void Run_PerUserDirectoryReadableByGroup_RunsInProcessAndIsNotRepaired()
    {
        using var server = new ServerSandbox(_temp, idleSeconds: 3, withoutRuntimeDirectory: true);
        Directory.CreateDirectory(server.SocketDirectory);
        File.SetUnixFileMode(server.SocketDirectory, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        var path = _temp.Write("open.csx", CountRoslyn);

        var result = server.Run("run", "--events", path);
        var serve = server.Run("server", "run");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stderr(result), Is.EqualTo(new[]
        {
            $"roslyn-bootsnap: miss {path}",
            $"roslyn-bootsnap: server-fallback {path} ({CacheSteps.ServerUntrustedDirectory})",
        }));
        Assert.That(serve.ExitCode, Is.EqualTo(1), serve.ToString());
        Assert.That(serve.StandardError, Does.Contain("is mode 750, not 700"));
        Assert.That(File.GetUnixFileMode(server.SocketDirectory), Is.EqualTo(OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute), "refused, not repaired");
    }
}
