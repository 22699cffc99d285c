using System.Diagnostics;
using System.Net.Sockets;

namespace RoslynBootsnap.Server;

/// <summary>
/// The moment by which a whole exchange on the server's socket must be through. A timeout per receive would let a
/// peer that trickles a byte at a time hold the other side forever; a deadline holds it to the same bound as a
/// peer that sends nothing.
/// </summary>
internal readonly struct ServerDeadline
{
    private readonly long _start;
    private readonly TimeSpan _span;

    private ServerDeadline(long start, TimeSpan span)
    {
        _start = start;
        _span = span;
    }

    /// <summary>A deadline <paramref name="span"/> from now.</summary>
    public static ServerDeadline In(TimeSpan span) => new(Stopwatch.GetTimestamp(), span);

    /// <summary>What is left; zero or less once it has passed.</summary>
    public TimeSpan Remaining => _span - Stopwatch.GetElapsedTime(_start);

    /// <summary>Bounds the socket's next send and receive by what is left.</summary>
    /// <exception cref="SocketException">The deadline has passed (<see cref="SocketError.TimedOut"/>).</exception>
    public void Arm(Socket socket)
    {
        var left = Remaining;
        if (left <= TimeSpan.Zero)
        {
            throw new SocketException((int)SocketError.TimedOut);
        }

        // Never 0, which a socket reads as no timeout at all.
        var milliseconds = (int)Math.Clamp(Math.Ceiling(left.TotalMilliseconds), 1, int.MaxValue);
        socket.ReceiveTimeout = socket.SendTimeout = milliseconds;
    }
}
