using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RoslynBootsnap.Caching.Remote;

/// <summary>
/// Content-addressed remote keys: SHA-256 of the environment key (schema, platform, compile options, runtime
/// revision), the script's path as the entry records it (relative to the base directory) and its content.
/// Dependencies are not in the key: the value's manifest names them, and the client checks each before it
/// takes the payload, as ccache's direct mode does.
/// </summary>
internal static class RemoteKey
{
    /// <summary>The prefix of every key this library writes, so an operator can find or drop them.</summary>
    public const string Prefix = "roslyn-bootsnap:entry:";

    /// <summary>The hash of fleet-wide counters (<c>hits</c>, <c>misses</c>) that writing hosts increment.</summary>
    public const string StatisticsKey = "roslyn-bootsnap:stats";

    /// <summary>The suffix of an entry's compile lock.</summary>
    public const string LockSuffix = ":lock";

    public static string For(in CacheHeader environmentKey, string recordedPath, ReadOnlySpan<byte> content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> environment = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(environment, environmentKey.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(environment[4..], environmentKey.Platform);
        BinaryPrimitives.WriteUInt32LittleEndian(environment[8..], environmentKey.CompileOptions);
        BinaryPrimitives.WriteUInt32LittleEndian(environment[12..], environmentKey.RuntimeRevision);
        sha.AppendData(environment);
        var path = Encoding.UTF8.GetBytes(recordedPath);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, path.Length);
        sha.AppendData(length);
        sha.AppendData(path);
        sha.AppendData(content);
        return Prefix + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
