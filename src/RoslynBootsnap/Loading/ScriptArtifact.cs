using System.Buffers.Binary;
using System.Text;

namespace RoslynBootsnap.Loading;

/// <summary>
/// The storage form of a compiled script: the names of its entry point, then the PE image (with its
/// portable PDB and source embedded). Recording the entry point spares a reflection scan on every load.
/// </summary>
/// <remarks>Layout: u16 length + UTF-8 type name, u16 length + UTF-8 method name, then the image.</remarks>
internal sealed class ScriptArtifact
{
    public ScriptArtifact(string entryTypeName, string entryMethodName, ReadOnlyMemory<byte> image)
    {
        EntryTypeName = entryTypeName;
        EntryMethodName = entryMethodName;
        Image = image;
    }

    public string EntryTypeName { get; }

    public string EntryMethodName { get; }

    public ReadOnlyMemory<byte> Image { get; }

    public byte[] Serialize()
    {
        var typeLength = Encoding.UTF8.GetByteCount(EntryTypeName);
        var methodLength = Encoding.UTF8.GetByteCount(EntryMethodName);
        var buffer = new byte[2 + typeLength + 2 + methodLength + Image.Length];
        var span = buffer.AsSpan();

        BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)typeLength));
        Encoding.UTF8.GetBytes(EntryTypeName, span[2..]);
        span = span[(2 + typeLength)..];
        BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)methodLength));
        Encoding.UTF8.GetBytes(EntryMethodName, span[2..]);
        Image.Span.CopyTo(span[(2 + methodLength)..]);
        return buffer;
    }

    /// <summary>Parses the storage form; <see langword="false"/> for anything malformed.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> storage, out ScriptArtifact artifact)
    {
        artifact = null!;
        var offset = 0;
        if (!TryReadString(storage.Span, ref offset, out var typeName)
            || !TryReadString(storage.Span, ref offset, out var methodName)
            || offset >= storage.Length)
        {
            return false;
        }

        artifact = new ScriptArtifact(typeName, methodName, storage[offset..]);
        return true;
    }

    private static bool TryReadString(ReadOnlySpan<byte> span, ref int offset, out string value)
    {
        value = string.Empty;
        if (span.Length - offset < 2)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
        offset += 2;
        if (length == 0 || span.Length - offset < length)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(span.Slice(offset, length));
        offset += length;
        return true;
    }
}
