using System.Buffers.Binary;

namespace RoslynBootsnap.Caching;

/// <summary>
/// The start of an entry's data section: the script path the entry belongs to, the base it is bound to if any,
/// the identity of the compiler that made it (see <see cref="Compiling.CompilerIdentity"/>), and every dependency with the size, mtime and digest it had when compiled. The header's dependency digest is
/// the hash of these bytes, so a manifest that does not belong to its header is stale.
/// </summary>
/// <remarks>
/// Layout, little-endian: u32 manifest length (including this field), string source path, string binding, u64
/// compiler identity, u16 dependency count, then per dependency: u8 kind, string path, u64 size, u64 mtime ticks, u64 digest. A string
/// is u16 UTF-8 length and the bytes.
/// </remarks>
internal sealed class EntryManifest
{
    public EntryManifest(string sourcePath, IReadOnlyList<Dependency> dependencies, string binding = "", ulong compiler = 0)
    {
        SourcePath = sourcePath;
        Dependencies = dependencies;
        Binding = binding;
        Compiler = compiler;
    }

    /// <summary>The full path of the script the entry was compiled from; guards against swapped entry files.</summary>
    public string SourcePath { get; }

    /// <summary>
    /// The base directory the entry may only be used under, or empty when it moves with its tree: see
    /// <see cref="PathBase.BindingFor"/>.
    /// </summary>
    public string Binding { get; }

    /// <summary>
    /// The identity of the compiler that made the entry; 0 when unknown. In the manifest rather than the key, so
    /// that a host with no compiler, which cannot compute one, still finds and serves the entry.
    /// </summary>
    public ulong Compiler { get; }

    public IReadOnlyList<Dependency> Dependencies { get; }

    public byte[] Serialize()
    {
        var length = 4 + Utf8Field.Size(SourcePath) + Utf8Field.Size(Binding) + 8 + 2;
        foreach (var dependency in Dependencies)
        {
            length += 1 + Utf8Field.Size(dependency.Path) + 24;
        }

        var buffer = new byte[length];
        var offset = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)length);
        offset += 4;
        Utf8Field.Write(buffer, ref offset, SourcePath);
        Utf8Field.Write(buffer, ref offset, Binding);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(offset), Compiler);
        offset += 8;
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(offset), checked((ushort)Dependencies.Count));
        offset += 2;
        foreach (var dependency in Dependencies)
        {
            buffer[offset++] = (byte)dependency.Kind;
            Utf8Field.Write(buffer, ref offset, dependency.Path);
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(offset), (ulong)dependency.Size);
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(offset + 8), (ulong)dependency.MtimeTicks);
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(offset + 16), dependency.Digest);
            offset += 24;
        }

        return buffer;
    }

    /// <summary>Parses the manifest at the start of <paramref name="data"/>; <see langword="false"/> if malformed.</summary>
    /// <param name="data">The entry's data section.</param>
    /// <param name="manifest">The parsed manifest.</param>
    /// <param name="length">The manifest's length in bytes; the handler's payload follows.</param>
    public static bool TryParse(ReadOnlySpan<byte> data, out EntryManifest manifest, out int length)
    {
        manifest = null!;
        length = 0;
        if (data.Length < 4)
        {
            return false;
        }

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (declared < 8 || declared > (uint)data.Length)
        {
            return false;
        }

        var span = data[..(int)declared];
        var offset = 4;
        if (!Utf8Field.TryRead(span, ref offset, out var sourcePath)
            || !Utf8Field.TryRead(span, ref offset, out var binding)
            || span.Length - offset < 10)
        {
            return false;
        }

        var compiler = BinaryPrimitives.ReadUInt64LittleEndian(span[offset..]);
        offset += 8;

        int count = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
        offset += 2;
        var dependencies = new Dependency[count];
        for (var i = 0; i < count; i++)
        {
            if (span.Length - offset < 1)
            {
                return false;
            }

            var kind = (DependencyKind)span[offset++];
            if (kind is not (DependencyKind.Source or DependencyKind.Assembly or DependencyKind.Refresh)
                || !Utf8Field.TryRead(span, ref offset, out var path)
                || span.Length - offset < 24)
            {
                return false;
            }

            dependencies[i] = new Dependency(
                kind,
                path,
                (long)BinaryPrimitives.ReadUInt64LittleEndian(span[offset..]),
                (long)BinaryPrimitives.ReadUInt64LittleEndian(span[(offset + 8)..]),
                BinaryPrimitives.ReadUInt64LittleEndian(span[(offset + 16)..]));
            offset += 24;
        }

        if (offset != span.Length)
        {
            return false;
        }

        manifest = new EntryManifest(sourcePath, dependencies, binding, compiler);
        length = offset;
        return true;
    }
}
