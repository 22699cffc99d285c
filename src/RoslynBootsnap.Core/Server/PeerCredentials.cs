using System.Net.Sockets;
using System.Runtime.InteropServices;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Server;

/// <summary>
/// The user at the other end of a connected Unix domain socket, as the kernel reports it: its uid and gid
/// (<c>SO_PEERCRED</c>) and its supplementary groups (<c>SO_PEERGROUPS</c>), as they were when it connected.
/// </summary>
internal static class PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int SoPeerGroups = 59;

    /// <summary>Room for this many groups on the first try; a peer in more is asked again with room for the most Linux allows.</summary>
    private const int FewGroups = 64;

    private const int MaxGroups = 65536;

    /// <summary>The peer's effective uid when it connected; <see langword="null"/> when the kernel does not say.</summary>
    public static uint? UserId(Socket socket) => Credentials(socket) is var (uid, _) ? uid : null;

    /// <summary>Whether the peer is the user this process runs as.</summary>
    public static bool IsSameUser(Socket socket) => UserId(socket) is { } uid && uid == Libc.geteuid();

    /// <summary>
    /// Whether the peer could open every file this process can, and no other: the same effective gid and the same
    /// supplementary groups. Anything the kernel does not tell counts as a difference.
    /// </summary>
    public static bool HasSameGroups(Socket socket)
    {
        if (Credentials(socket) is not var (_, gid) || gid != Libc.getegid())
        {
            return false;
        }

        var peer = PeerGroups(socket);
        var own = OwnGroups();
        return peer is not null && own is not null && peer.SetEquals(own);
    }

    /// <summary>The peer's uid and gid; <see langword="null"/> when the kernel does not say.</summary>
    private static (uint Uid, uint Gid)? Credentials(Socket socket)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> ucred = stackalloc byte[12];
        try
        {
            return socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred) == ucred.Length
                ? (MemoryMarshal.Read<uint>(ucred[4..]), MemoryMarshal.Read<uint>(ucred[8..]))
                : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>The peer's supplementary groups, distinct; <see langword="null"/> when the kernel does not say.</summary>
    private static HashSet<uint>? PeerGroups(Socket socket)
    {
        foreach (var room in (ReadOnlySpan<int>)[FewGroups, MaxGroups])
        {
            var buffer = new byte[room * sizeof(uint)];
            try
            {
                var length = socket.GetRawSocketOption(SolSocket, SoPeerGroups, buffer);
                return length % sizeof(uint) == 0 ? [.. MemoryMarshal.Cast<byte, uint>(buffer.AsSpan(0, length))] : null;
            }
            catch (SocketException)
            {
                // ERANGE when the buffer is too small; anything else fails again below and counts as unknown.
            }
        }

        return null;
    }

    /// <summary>This process's supplementary groups, distinct; <see langword="null"/> when they cannot be read.</summary>
    private static HashSet<uint>? OwnGroups()
    {
        var count = Libc.getgroups(0, null);
        if (count < 0)
        {
            return null;
        }

        var groups = new uint[count];
        var read = Libc.getgroups(count, groups);
        return read < 0 ? null : [.. groups.AsSpan(0, read)];
    }
}
