using System.Runtime.InteropServices;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Platform;

/// <summary>
/// A directory private to the current user: the cache dir and the compile server's socket dir. Created mode 0700
/// whatever the umask, missing parents too (never with default modes), and used only through a handle opened
/// without following a link and judged on that handle: a real directory, owned by the current user or root, that
/// no group or other can write. A directory someone else planted or can write is refused, never repaired.
/// </summary>
internal static class PrivateDirectory
{
    /// <summary>0700.</summary>
    public const int Mode = 0x1C0;

    /// <summary>
    /// Creates <paramref name="path"/> and any missing parents, each mode 0700 whatever the umask. What exists
    /// already is left as it is: it is judged where it is opened, not changed here.
    /// </summary>
    /// <exception cref="CacheIOException">A directory cannot be created.</exception>
    public static void Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            CreateWithDotnet(path);
            return;
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (Directory.Exists(full))
        {
            return;
        }

        if (!DirectoryHandle.IsSupported)
        {
            CreateWithDotnet(full);
            return;
        }

        if (Path.GetDirectoryName(full) is { } parent && !Directory.Exists(parent))
        {
            Create(parent);
        }

        if (Libc.mkdir(full, Mode) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Libc.Exists)
            {
                return;
            }

            throw new CacheIOException(CacheSteps.Mkdir, full, new IOException(Marshal.GetPInvokeErrorMessage(errno)));
        }

        // mkdir's mode passes through the umask, which may take bits from the owner: set it on what was just made,
        // through a handle, so that a link swapped in meanwhile is not followed.
        using var created = DirectoryHandle.OpenOrNull(full, out _);
        created?.TrySetMode(Mode);
    }

    /// <summary>
    /// Opens the private directory at <paramref name="path"/>, first creating it (see <see cref="Create"/>) when
    /// <paramref name="create"/>. <see langword="null"/> with <paramref name="problem"/> when it cannot be trusted,
    /// with <paramref name="problem"/> <see langword="null"/> when it does not exist.
    /// </summary>
    /// <exception cref="CacheIOException">It cannot be created.</exception>
    public static DirectoryHandle? OpenOrNull(string path, bool create, out string? problem)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!DirectoryHandle.IsSupported)
        {
            problem = "cannot be checked through a handle on this platform";
            return null;
        }

        if (create)
        {
            Create(path);
        }

        var handle = DirectoryHandle.OpenOrNull(path, out problem);
        if (handle is null)
        {
            return null;
        }

        // Judged on the handle: what was opened is what is used, whatever the path names a moment later.
        if (FileTrust.Judge(handle.Status, OwnerTrust.None) is { } distrust)
        {
            handle.Dispose();
            problem = distrust.Reason;
            return null;
        }

        return handle;
    }

    private static void CreateWithDotnet(string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, (UnixFileMode)Mode);
            }
        }
        catch (Exception e) when (FileFault.IsWriteFault(e))
        {
            throw new CacheIOException(CacheSteps.Mkdir, path, e);
        }
    }
}
