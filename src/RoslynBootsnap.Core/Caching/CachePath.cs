using System.Globalization;
using System.Text;

namespace RoslynBootsnap.Caching;

/// <summary>
/// Maps a source path to its entry path, <c>&lt;cacheDir&gt;/&lt;namespace&gt;/xx/yyyyyyyyyyyyyy</c>. The namespace is
/// a directory per environment key (schema, platform, compile options, runtime revision), so that hosts with
/// different options keep their own entries instead of overwriting each other's, as bootsnap gives each compiler a
/// directory of its own. Inside it, as bootsnap's <c>bs_cache_path</c> does, the top byte of the FNV-1a-64 hash of
/// the path names the shard and the low 56 bits the file.
/// </summary>
internal static class CachePath
{
    /// <summary>The length of a namespace directory's name: 16 hex digits.</summary>
    public const int NamespaceNameLength = 16;

    /// <summary>
    /// The longest suffix appended to the cache dir: "/" + a namespace + "/xx/" + 14 hex digits + ".tmp." + 16 hex digits.
    /// </summary>
    public const int EntrySuffixLength = 1 + NamespaceNameLength + 4 + 14 + 5 + 16;

    private static readonly string SeparatorText = Path.DirectorySeparatorChar.ToString();

    /// <summary>
    /// The longest cache dir, in UTF-8 bytes on Unix (PATH_MAX less its terminator) and in UTF-16
    /// characters on Windows (the long-path limit), that still leaves room for an entry's temp file.
    /// </summary>
    public static int MaxCacheDirectoryLength { get; } = (OperatingSystem.IsWindows() ? 32_767 : 4_095) - EntrySuffixLength;

    /// <summary>Throws <see cref="ArgumentException"/> before any I/O when the cache dir cannot hold entries.</summary>
    public static string NormalizeCacheDirectory(string cacheDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);
        if (Length(cacheDirectory) > MaxCacheDirectoryLength)
        {
            throw new ArgumentException(
                $"The cache directory '{cacheDirectory}' is {Length(cacheDirectory)} long; at most {MaxCacheDirectoryLength} fits on this platform.",
                nameof(cacheDirectory));
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(cacheDirectory));
        if (Length(full) > MaxCacheDirectoryLength)
        {
            throw new ArgumentException(
                $"The cache directory '{full}' is {Length(full)} long; at most {MaxCacheDirectoryLength} fits on this platform.",
                nameof(cacheDirectory));
        }

        return full;
    }

    /// <summary>Returns the entry path for a source path that is already full and normalized.</summary>
    public static string GetEntryPath(string cacheDirectory, string fullSourcePath)
    {
        var hash = HashPath(fullSourcePath);
        var shard = (byte)(hash >> 56);
        var remainder = hash & 0x00ff_ffff_ffff_ffffUL;
        // Concatenation rather than an interpolated string: its generic formatting paths are JIT work at start-up.
        return string.Concat(
            cacheDirectory,
            SeparatorText,
            shard.ToString("x2", CultureInfo.InvariantCulture),
            SeparatorText,
            remainder.ToString("x14", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The namespace directory of an environment key: FNV-1a-64 of the key's four fields, little-endian, in hex.
    /// </summary>
    public static string GetNamespaceName(in CacheHeader environmentKey)
    {
        Span<byte> key = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(key, environmentKey.Version);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(key[4..], environmentKey.Platform);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(key[8..], environmentKey.CompileOptions);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(key[12..], environmentKey.RuntimeRevision);
        return Fnv1a64.Hash(key).ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a name in the cache dir is a namespace directory's.</summary>
    public static bool IsNamespaceName(string name) => name.Length == NamespaceNameLength && IsLowerHex(name);

    /// <summary>Whether a name is a shard directory's: two hex digits.</summary>
    public static bool IsShardName(string name) => name.Length == 2 && IsLowerHex(name);

    /// <summary>FNV-1a-64 of the UTF-8 bytes of the path.</summary>
    public static ulong HashPath(string fullSourcePath)
    {
        var byteCount = Encoding.UTF8.GetByteCount(fullSourcePath);
        var buffer = byteCount <= 1024 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(fullSourcePath, buffer);
        return Fnv1a64.Hash(buffer);
    }

    private static bool IsLowerHex(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Length(string path) =>
        OperatingSystem.IsWindows() ? path.Length : Encoding.UTF8.GetByteCount(path);
}
