using System.Security.Cryptography;
using System.Text;

namespace RoslynBootsnap.Caching.Remote;

/// <summary>
/// A remote value: <c>RBS1</c>, an HMAC-SHA256 and the entry. The MAC covers the remote key and the entry, so a
/// value is refused unless it was made with the fleet's key for exactly this key: a value copied to another key,
/// truncated or altered is refused before a byte of it is parsed.
/// </summary>
internal static class SignedValue
{
    private const int MacSize = 32;

    private static ReadOnlySpan<byte> Magic => "RBS1"u8;

    /// <summary>The length of everything before the entry.</summary>
    public static int Overhead => Magic.Length + MacSize;

    public static byte[] Seal(byte[] key, string remoteKey, ReadOnlySpan<byte> entry)
    {
        var value = new byte[Overhead + entry.Length];
        Magic.CopyTo(value);
        entry.CopyTo(value.AsSpan(Overhead));
        Mac(key, remoteKey, entry, value.AsSpan(Magic.Length, MacSize));
        return value;
    }

    /// <summary>Checks a value's size and signature; <see langword="null"/> when it holds, else the step that refused it.</summary>
    public static string? Open(byte[] key, string remoteKey, byte[] value, long maxEntryBytes, out ReadOnlyMemory<byte> entry)
    {
        entry = default;
        if (value.Length - Overhead > maxEntryBytes)
        {
            return CacheSteps.RemoteSize;
        }

        if (value.Length < Overhead + CacheHeader.Size || !value.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return CacheSteps.RemoteSignature;
        }

        Span<byte> expected = stackalloc byte[MacSize];
        Mac(key, remoteKey, value.AsSpan(Overhead), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, value.AsSpan(Magic.Length, MacSize)))
        {
            return CacheSteps.RemoteSignature;
        }

        entry = value.AsMemory(Overhead);
        return null;
    }

    private static void Mac(byte[] key, string remoteKey, ReadOnlySpan<byte> entry, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(remoteKey));
        hmac.AppendData([0]);
        hmac.AppendData(entry);
        hmac.GetHashAndReset(destination);
    }
}
