using System.Buffers.Binary;
using System.Text;

namespace RoslynBootsnap.Caching;

/// <summary>A length-prefixed string in an entry: u16 little-endian UTF-8 byte count, then the bytes.</summary>
internal static class Utf8Field
{
    public static int Size(string value) => 2 + Encoding.UTF8.GetByteCount(value);

    public static void Write(Span<byte> buffer, ref int offset, string value)
    {
        var length = Encoding.UTF8.GetBytes(value, buffer[(offset + 2)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[offset..], checked((ushort)length));
        offset += 2 + length;
    }

    public static bool TryRead(ReadOnlySpan<byte> buffer, ref int offset, out string value)
    {
        value = string.Empty;
        if (buffer.Length - offset < 2)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(buffer[offset..]);
        if (buffer.Length - offset - 2 < length)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(buffer.Slice(offset + 2, length));
        offset += 2 + length;
        return true;
    }
}
