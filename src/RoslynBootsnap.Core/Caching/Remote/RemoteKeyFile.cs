using System.Globalization;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Caching.Remote;

/// <summary>
/// Reads the signing key from the file <c>RemoteKeyFile</c> or <c>ROSLYN_BOOTSNAP_REMOTE_KEY_FILE</c> names. Only a
/// regular file of at most <see cref="MaximumLength"/> bytes is read: a device (<c>/dev/zero</c>) would be read until
/// memory ran out, and a FIFO would block the first miss forever. A symbolic link is followed, since mounted
/// secrets are links to the current version; what it reaches is checked through the open handle.
/// </summary>
internal static class RemoteKeyFile
{
    /// <summary>The largest key file read, in bytes: a key is a few dozen, a PEM-wrapped one a few hundred.</summary>
    public const int MaximumLength = 4096;

    /// <summary>The key's bytes, less trailing newlines; <see langword="null"/> with the reason when the file is refused or unreadable.</summary>
    public static byte[]? Read(string path, out string? problem)
    {
        problem = null;
        byte[] bytes;
        try
        {
            if (ReadBounded(path, out problem) is not { } read)
            {
                return null;
            }

            bytes = read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"The signing key file '{path}' cannot be read ({e.Message}), so the remote tier is off.";
            return null;
        }

        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r')
        {
            length--;
        }

        return bytes[..length];
    }

    private static byte[]? ReadBounded(string path, out string? problem)
    {
        problem = null;
        using var handle = UnixFile.OpenRegularFileOrNull(path, out var status, out var notRegular, out var error);
        if (handle is not null)
        {
            return status.Size > MaximumLength ? TooLarge(path, status.Size, out problem) : Bounded(HandleReader.ReadAll(handle, status.Size), path, out problem);
        }

        if (notRegular)
        {
            problem = $"The signing key file '{path}' is not a regular file (mode {Convert.ToString(status.Mode, 8)}), so the remote tier is off.";
            return null;
        }

        if (error != 0)
        {
            throw new IOException($"open failed with errno {error.ToString(CultureInfo.InvariantCulture)}", error);
        }

        // No open(2) here (not Linux): .NET's open, whose reads stay bounded all the same.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var buffer = new byte[MaximumLength + 1];
        var total = 0;
        int count;
        while (total < buffer.Length && (count = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += count;
        }

        return Bounded(buffer[..total], path, out problem);
    }

    /// <summary>A file that grew past the bound between its status and the read is refused as well.</summary>
    private static byte[]? Bounded(byte[] bytes, string path, out string? problem)
    {
        problem = null;
        return bytes.Length > MaximumLength ? TooLarge(path, bytes.Length, out problem) : bytes;
    }

    private static byte[]? TooLarge(string path, long size, out string? problem)
    {
        problem = $"The signing key file '{path}' is {size.ToString(CultureInfo.InvariantCulture)} bytes, more than the {MaximumLength.ToString(CultureInfo.InvariantCulture)} a key file may hold, so the remote tier is off.";
        return null;
    }
}
