using System.Buffers.Binary;
using System.Net.Sockets;

namespace RoslynBootsnap.Server;

/// <summary>
/// The framing on the server's socket: a little-endian 32-bit length, then that many bytes written by a
/// <see cref="BinaryWriter"/>. Every message starts with its <see cref="ServerMessage"/>. Each frame is sent or
/// read whole by a deadline, however the peer paces its bytes.
/// </summary>
internal static class ServerFrames
{
    /// <summary>The largest frame either side accepts: a request or a set of diagnostics is far smaller.</summary>
    public const int MaxLength = 16 << 20;

    /// <summary>Sends one frame.</summary>
    /// <exception cref="SocketException">The send failed, or the deadline passed.</exception>
    public static void Write(Socket socket, ServerDeadline deadline, Action<BinaryWriter> body)
    {
        using var buffer = new MemoryStream();
        buffer.Write(stackalloc byte[4]);
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            body(writer);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes, bytes.Length - 4);
        while (bytes.Length > 0)
        {
            deadline.Arm(socket);
            var sent = socket.Send(bytes);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Reads one frame; <see langword="null"/> when the peer closed the connection first.</summary>
    /// <exception cref="SocketException">The read failed, or the deadline passed.</exception>
    /// <exception cref="InvalidDataException">The frame is malformed.</exception>
    public static BinaryReader? Read(Socket socket, ServerDeadline deadline)
    {
        Span<byte> prefix = stackalloc byte[4];
        if (!ReadExactly(socket, deadline, prefix))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length is < 1 or > MaxLength)
        {
            throw new InvalidDataException($"A frame of {length} bytes.");
        }

        var payload = new byte[length];
        return ReadExactly(socket, deadline, payload)
            ? new BinaryReader(new MemoryStream(payload, 0, payload.Length, writable: false, publiclyVisible: true), System.Text.Encoding.UTF8)
            : throw new InvalidDataException("The peer closed the connection mid-frame.");
    }

    private static bool ReadExactly(Socket socket, ServerDeadline deadline, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            deadline.Arm(socket);
            var read = socket.Receive(buffer[total..]);
            if (read == 0)
            {
                return total == 0 ? false : throw new InvalidDataException("The peer closed the connection mid-frame.");
            }

            total += read;
        }

        return true;
    }
}
