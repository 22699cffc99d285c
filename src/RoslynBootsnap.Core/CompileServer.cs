using RoslynBootsnap.Platform;
using RoslynBootsnap.Server;

namespace RoslynBootsnap;

/// <summary>
/// The per-user compile server: one process per user, tool version and runtime that keeps the compiler warm
/// and compiles for every cache whose options name <see cref="ScriptCacheOptions.Server"/>.
/// </summary>
/// <remarks>
/// It listens on a Unix domain socket in a directory of mode 0700: <c>$XDG_RUNTIME_DIR/roslyn-bootsnap</c>, else
/// <c>roslyn-bootsnap-&lt;uid&gt;</c> in the temp dir. That directory must be a real directory of its user, mode 0700,
/// or neither the server nor its clients use it. Each request names its client's cache dir, so one server serves
/// all of them. It answers only its own user (the peer's uid, from <c>SO_PEERCRED</c>) and
/// only clients of its own version, compiles with its user's rights, and exits after an idle timeout. It compiles
/// only for a client in its own gid and supplementary groups (<c>SO_PEERGROUPS</c>), which could read every file
/// the server reads for it; any other client compiles in process. Each request and each answer must be through
/// by a deadline: a connection that sends no whole request is dropped, and counts as no activity.
/// </remarks>
public static class CompileServer
{
    /// <summary>Set to <c>1</c> (or <c>true</c>) to keep the command line from using a compile server.</summary>
    public const string NoServerVariable = ScriptEnvironment.NoServerVariable;

    /// <summary>The socket a server started by a cache listens on; the cache sets it for the program it starts.</summary>
    public const string SocketVariable = ScriptEnvironment.ServerSocketVariable;

    /// <summary>The idle timeout, in seconds, of a server started by a cache; the cache sets it for the program it starts.</summary>
    public const string IdleTimeoutVariable = ScriptEnvironment.ServerIdleTimeoutVariable;

    /// <summary>The idle timeout when none is given: ten minutes.</summary>
    public static TimeSpan DefaultIdleTimeout { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The version a server serves and a client must match: the library's version, its build and the runtime's.</summary>
    public static string Version => ServerEndpoint.Identity;

    /// <summary>
    /// The socket of the current user's server, which serves every cache dir of that user: in
    /// <c>$XDG_RUNTIME_DIR/roslyn-bootsnap</c> when set, else in <c>roslyn-bootsnap-&lt;uid&gt;</c> in the temp dir.
    /// </summary>
    public static string GetSocketPath() => ServerEndpoint.GetSocketPath();

    /// <summary>
    /// Serves on <paramref name="socketPath"/>, in a session of its own, until it has been idle for <paramref name="idleTimeout"/>, a client
    /// stops it or the token is cancelled. Returns at once when another server holds the socket.
    /// </summary>
    /// <param name="socketPath">The socket, as <see cref="GetSocketPath"/> names it.</param>
    /// <param name="idleTimeout">How long to live without a request.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns><see langword="true"/> when this process served; <see langword="false"/> when another server holds the socket.</returns>
    /// <exception cref="IOException">
    /// The socket's directory cannot be created, or is not private to this user: a symbolic link, another user's, or
    /// writable by group or others. It is refused, never repaired, and nothing is created in it.
    /// </exception>
    public static Task<bool> RunAsync(string socketPath, TimeSpan idleTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        if (OperatingSystem.IsLinux())
        {
            // Leave the client's session, so that a signal to its terminal or process group does not reach the server.
            _ = Libc.setsid();
        }

        return ServerHost.RunAsync(socketPath, idleTimeout, cancellationToken);
    }

    /// <summary>Asks the server on a socket how it is; <see langword="null"/> when none of this version answers.</summary>
    /// <param name="socketPath">The socket.</param>
    public static CompileServerStatus? GetStatus(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        return ServerClient.GetStatus(socketPath);
    }

    /// <summary>Asks the server on a socket to exit; <see langword="false"/> when none of this version answers.</summary>
    /// <param name="socketPath">The socket.</param>
    public static bool Stop(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        return ServerClient.Stop(socketPath);
    }
}
