using Microsoft.Win32.SafeHandles;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Caching;

/// <summary>
/// An open source file with the size and modification time read from the same handle, so that the key
/// and the bytes that get compiled describe one and the same file.
/// </summary>
internal sealed class SourceFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    private SourceFile(string path, SafeFileHandle handle, long size, long mtimeTicks)
    {
        Path = path;
        _handle = handle;
        Size = size;
        MtimeTicks = mtimeTicks;
    }

    public string Path { get; }

    public long Size { get; }

    /// <summary>Last write time in UTC ticks (100 ns), not bootsnap's whole seconds.</summary>
    public long MtimeTicks { get; }

    public static SourceFile Open(string fullPath)
    {
        if (UnixFile.OpenRegularFileOrNull(fullPath, out var opened, out var notRegular) is { } fast)
        {
            return new SourceFile(fullPath, fast, opened.Size, opened.WriteTicks);
        }

        if (notRegular)
        {
            throw NotRegular(fullPath, opened);
        }

        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (FileFault.IsFileError(e))
        {
            throw OpenFailure(fullPath, e);
        }

        try
        {
            // One statx on the handle where there is one; .NET asks for size and time with a syscall each.
            return UnixFile.TryGetStatus(handle, out var status)
                ? new SourceFile(fullPath, handle, status.Size, status.WriteTicks)
                : new SourceFile(fullPath, handle, RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle).Ticks);
        }
        catch (Exception e) when (FileFault.IsFileError(e))
        {
            handle.Dispose();
            throw new ScriptSourceException(fullPath, CacheSteps.StatSource, "The script's size and time cannot be read", e);
        }
    }

    /// <summary>Reads the whole file from the open handle.</summary>
    public byte[] ReadAll()
    {
        try
        {
            // A file that shrank after it was opened gives what is there: the key will not match next time.
            return HandleReader.ReadAll(_handle, Size);
        }
        catch (Exception e) when (FileFault.IsFileError(e))
        {
            throw new ScriptSourceException(Path, CacheSteps.ReadSource, "The script cannot be read", e);
        }
    }

    public void Dispose() => _handle.Dispose();

    private static ScriptSourceException NotRegular(string path, in FileStatus status)
    {
        if (status.IsDirectory)
        {
            return new ScriptSourceException(path, CacheSteps.OpenSource, "The script path is a directory, not a file");
        }

        var kind = (status.Mode & 0xf000) switch
        {
            0x1000 => "a FIFO",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xc000 => "a socket",
            _ => "not a file",
        };
        return new ScriptSourceException(path, CacheSteps.OpenSource, $"The script is not a regular file ({kind})");
    }

    private static ScriptSourceException OpenFailure(string path, Exception e)
    {
        if (Directory.Exists(path))
        {
            return new ScriptSourceException(path, CacheSteps.OpenSource, "The script path is a directory, not a file", e);
        }

        return e switch
        {
            FileNotFoundException or DirectoryNotFoundException =>
                new ScriptSourceException(path, CacheSteps.OpenSource, "The script does not exist", e),
            UnauthorizedAccessException =>
                new ScriptSourceException(path, CacheSteps.OpenSource, "The script cannot be opened: permission denied", e),
            _ => new ScriptSourceException(path, CacheSteps.OpenSource, "The script cannot be opened", e),
        };
    }
}
