using System.Buffers.Binary;

namespace RoslynBootsnap.Caching;

/// <summary>
/// The fixed 64-byte header at the start of every cache entry. The first six fields plus the content
/// digest are the key of the entry; the rest describe the payload that follows.
/// </summary>
/// <remarks>
/// Written field by field in little-endian order, never as a raw struct dump, so that every byte is
/// defined and the layout is the same on every platform (bootsnap #542 was caused by undefined padding).
/// </remarks>
internal readonly record struct CacheHeader(
    uint Version,
    uint Platform,
    uint CompileOptions,
    uint RuntimeRevision,
    ulong SourceSize,
    ulong SourceMtimeTicks,
    ulong DataSize,
    ulong ContentDigest,
    ulong PayloadChecksum,
    ulong DependencyDigest)
{
    /// <summary>The size of the header in bytes.</summary>
    public const int Size = 64;

    /// <summary>
    /// Effectively the schema version: bumping it invalidates every entry written before. Version 2 hashes
    /// with XxHash64 where version 1 used XxHash3; version 3 names a script's private references by their place
    /// in the manifest, and may bind an entry to the base it was compiled under; version 4 records the compiler's
    /// identity in the manifest instead of the key.
    /// </summary>
    public const uint CurrentVersion = 4;

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"The destination must hold at least {Size} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination[0..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Platform);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], CompileOptions);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], RuntimeRevision);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], SourceSize);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], SourceMtimeTicks);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], DataSize);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[40..], ContentDigest);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[48..], PayloadChecksum);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[56..], DependencyDigest);
    }

    public static CacheHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ArgumentException($"The source must hold at least {Size} bytes.", nameof(source));
        }

        return new CacheHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(source[0..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[24..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[32..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[40..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[48..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[56..]));
    }

    /// <summary>
    /// Whether two headers were written under the same schema, platform, compile options and runtime; the
    /// source fields are compared by the engine, which may prove an mtime change harmless by content.
    /// </summary>
    public bool EnvironmentEquals(in CacheHeader other) =>
        Version == other.Version
        && Platform == other.Platform
        && CompileOptions == other.CompileOptions
        && RuntimeRevision == other.RuntimeRevision;
}
