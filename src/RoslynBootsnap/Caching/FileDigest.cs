using System.IO.Hashing;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RoslynBootsnap.Caching;

/// <summary>The content digests the engine compares when a timestamp moved: cheap, no compiler involved.</summary>
internal static class FileDigest
{
    public static ulong OfBytes(ReadOnlySpan<byte> bytes) => XxHash3.HashToUInt64(bytes);

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
