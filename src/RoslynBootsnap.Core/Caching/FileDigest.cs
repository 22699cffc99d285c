using System.IO.Hashing;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RoslynBootsnap.Caching;

/// <summary>
/// The one 64-bit hash of the entry format: content digests compared when a timestamp moved, the manifest
/// digest and the payload checksum. Cheap, and no compiler involved.
/// </summary>
internal static class FileDigest
{
    /// <summary>
    /// XxHash64 rather than XxHash3: on inputs of a few KiB both are fast, but XxHash3's vectorized code costs a
    /// fresh process far more to prepare (JIT, intrinsics), and every warm start pays that once.
    /// </summary>
    public static ulong OfBytes(ReadOnlySpan<byte> bytes) => XxHash64.HashToUInt64(bytes);

    /// <summary>The same hash, fed in parts: what <see cref="OfBytes"/> gives for the parts joined.</summary>
    public static XxHash64 CreateIncremental() => new();

    public static ulong OfFile(string path) => OfBytes(File.ReadAllBytes(path));

    /// <summary>Digest of a module version id: a rebuilt assembly gets a new one even at the same size.</summary>
    public static ulong OfModuleVersionId(Guid mvid)
    {
        Span<byte> bytes = stackalloc byte[16];
        mvid.TryWriteBytes(bytes);
        return OfBytes(bytes);
    }

    /// <summary>Reads an assembly's module version id from its metadata without loading it.</summary>
    /// <exception cref="BadImageFormatException">The file is not a managed assembly.</exception>
    public static ulong OfAssembly(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        return OfModuleVersionId(metadata.GetGuid(metadata.GetModuleDefinition().Mvid));
    }
}
