using Microsoft.Win32.SafeHandles;

namespace RoslynBootsnap.Platform;

/// <summary>Reads a whole file from an open handle, for entries and scripts alike.</summary>
internal static class HandleReader
{
    /// <summary>
    /// Fills a buffer of <paramref name="length"/> bytes from the start of the file, and answers it cut to what was
    /// there: a file that shrank after it was opened gives fewer bytes, never an error. I/O errors propagate.
    /// </summary>
    public static byte[] ReadAll(SafeFileHandle handle, long length)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(checked((int)length));
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total == buffer.Length ? buffer : buffer[..total];
    }
}
