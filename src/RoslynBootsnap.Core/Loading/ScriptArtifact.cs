using System.Buffers.Binary;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Loading;

/// <summary>
/// The handler's storage form of a compiled script: the names of its entry point, the assemblies it may load
/// beyond the framework, then the PE image (with its portable PDB and source embedded). Recording the entry
/// point spares a reflection scan on every load.
/// </summary>
/// <remarks>
/// <para>
/// Layout: string type name, string method name, u16 count and that many u16 dependency indices, u16 count and
/// that many shared-framework paths, then the image.
/// </para>
/// <para>
/// A private reference is named by its index in the entry's dependency list, never by a path of its own: the
/// file the script's context loads is then the one validation checked, where this host's base puts it, and a
/// relocated entry cannot load a DLL from the path it was compiled at.
/// </para>
/// </remarks>
internal sealed class ScriptArtifact
{
    public ScriptArtifact(
        string entryTypeName,
        string entryMethodName,
        IReadOnlyList<int> dependencyReferences,
        IReadOnlyList<string> frameworkReferences,
        ReadOnlyMemory<byte> image)
    {
        EntryTypeName = entryTypeName;
        EntryMethodName = entryMethodName;
        DependencyReferences = dependencyReferences;
        FrameworkReferences = frameworkReferences;
        Image = image;
    }

    public string EntryTypeName { get; }

    public string EntryMethodName { get; }

    /// <summary>
    /// The assemblies (and native libraries) the script may load privately (<c>#r</c>, extra references, package
    /// runtime files), as indices into the entry's dependencies.
    /// </summary>
    public IReadOnlyList<int> DependencyReferences { get; }

    /// <summary>
    /// Full paths of the implementation assemblies of the shared frameworks a <c>#r "sdk:"</c> brought in: the
    /// manifest checks one marker per framework, not each of these.
    /// </summary>
    public IReadOnlyList<string> FrameworkReferences { get; }

    public ReadOnlyMemory<byte> Image { get; }

    public byte[] Serialize()
    {
        var length = Utf8Field.Size(EntryTypeName) + Utf8Field.Size(EntryMethodName) + 2 + (2 * DependencyReferences.Count) + 2 + Image.Length;
        foreach (var reference in FrameworkReferences)
        {
            length += Utf8Field.Size(reference);
        }

        var buffer = new byte[length];
        var offset = 0;
        Utf8Field.Write(buffer, ref offset, EntryTypeName);
        Utf8Field.Write(buffer, ref offset, EntryMethodName);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(offset), checked((ushort)DependencyReferences.Count));
        offset += 2;
        foreach (var index in DependencyReferences)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(offset), checked((ushort)index));
            offset += 2;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(offset), checked((ushort)FrameworkReferences.Count));
        offset += 2;
        foreach (var reference in FrameworkReferences)
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

        var indices = new int[BinaryPrimitives.ReadUInt16LittleEndian(span[offset..])];
        offset += 2;
        if (span.Length - offset < (2 * indices.Length) + 2)
        {
            return false;
        }

        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
            offset += 2;
        }

        var frameworks = new string[BinaryPrimitives.ReadUInt16LittleEndian(span[offset..])];
        offset += 2;
        for (var i = 0; i < frameworks.Length; i++)
        {
            if (!Utf8Field.TryRead(span, ref offset, out frameworks[i]))
            {
                return false;
            }
        }

        if (offset >= span.Length)
        {
            return false;
        }

        artifact = new ScriptArtifact(typeName, methodName, indices, frameworks, storage[offset..]);
        return true;
    }
}
