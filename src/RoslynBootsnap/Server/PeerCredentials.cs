using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RoslynBootsnap.Server;

/// <summary>The user at the other end of a connected Unix domain socket, as the kernel reports it (<c>SO_PEERCRED</c>).</summary>
internal static class PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The peer's effective uid when it connected; <see langword="null"/> when the kernel does not say.</summary>
    public static uint? UserId(Socket socket)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> ucred = stackalloc byte[12];
        try
        {
            return socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred) == ucred.Length
                ? MemoryMarshal.Read<uint>(ucred[4..])
                : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>Whether the peer is the user this process runs as.</summary>
    public static bool IsSameUser(Socket socket) => UserId(socket) is { } uid && uid == Caching.Libc.geteuid();
}
