namespace RoslynBootsnap.Caching;

/// <summary>
/// FNV-1a, 64-bit. bootsnap picked it for cache paths: tiny, dependency-free, fast and well spread;
/// 32 bits is not collision-resistant enough for a cache that may hold many thousands of entries.
/// </summary>
internal static class Fnv1a64
{
    /// <summary>The FNV-1a 64-bit offset basis.</summary>
    public const ulong OffsetBasis = 0xcbf29ce484222325UL;

    /// <summary>The FNV 64-bit prime.</summary>
    public const ulong Prime = 0x100000001b3UL;

    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        var hash = OffsetBasis;
        foreach (var b in data)
        {
            hash ^= b;
            hash *= Prime;
        }

        return hash;
    }
}
