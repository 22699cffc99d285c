using System.Buffers.Binary;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Loading;

/// <summary>
/// The handler's storage form of a compiled script: the names of its entry point, the paths of the assemblies
/// it references beyond the framework, then the PE image (with its portable PDB and source embedded).
/// Recording the entry point spares a reflection scan on every load.
/// </summary>
/// <remarks>Layout: string type name, string method name, u16 count and that many reference paths, then the image.</remarks>
internal sealed class ScriptArtifact
{
    public ScriptArtifact(string entryTypeName, string entryMethodName, IReadOnlyList<string> references, ReadOnlyMemory<byte> image)
    {
        EntryTypeName = entryTypeName;
        EntryMethodName = entryMethodName;
        References = references;
        Image = image;
    }

    public string EntryTypeName { get; }

    public string EntryMethodName { get; }

    /// <summary>Full paths of the assemblies the script may load privately (<c>#r</c> and extra references).</summary>
    public IReadOnlyList<string> References { get; }

    public ReadOnlyMemory<byte> Image { get; }

    public byte[] Serialize()
    {
        var length = Utf8Field.Size(EntryTypeName) + Utf8Field.Size(EntryMethodName) + 2 + Image.Length;
        foreach (var reference in References)
        {
            length += Utf8Field.Size(reference);
        }

        var buffer = new byte[length];
        var offset = 0;
        Utf8Field.Write(buffer, ref offset, EntryTypeName);
        Utf8Field.Write(buffer, ref offset, EntryMethodName);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(offset), checked((ushort)References.Count));
        offset += 2;
        foreach (var reference in References)
        {
            Utf8Field.Write(buffer, ref offset, reference);
        }

        Image.Span.CopyTo(buffer.AsSpan(offset));
        return buffer;
    }

    /// <summary>Parses the storage form; <see langword="false"/> for anything malformed.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> storage, out ScriptArtifact artifact)
    {
        artifact = null!;
        var span = storage.Span;
        var offset = 0;
        if (!Utf8Field.TryRead(span, ref offset, out var typeName)
            || !Utf8Field.TryRead(span, ref offset, out var methodName)
            || typeName.Length == 0
            || methodName.Length == 0
            || span.Length - offset < 2)
        {
            return false;
        }

        var references = new string[BinaryPrimitives.ReadUInt16LittleEndian(span[offset..])];
        offset += 2;
        for (var i = 0; i < references.Length; i++)
        {
            if (!Utf8Field.TryRead(span, ref offset, out references[i]))
            {
                return false;
            }
        }

        if (offset >= span.Length)
        {
            return false;
        }

        artifact = new ScriptArtifact(typeName, methodName, references, storage[offset..]);
        return true;
    }
}
