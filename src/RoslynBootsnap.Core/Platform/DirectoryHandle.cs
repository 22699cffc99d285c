using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Platform;

/// <summary>
/// An open directory that names its files relative to itself (<c>openat</c>, <c>statx</c>, <c>unlinkat</c>), so
/// that walking and pruning a cache dir never follows a symbolic link: a directory is opened with
/// <c>O_NOFOLLOW | O_DIRECTORY</c>, and once open, swapping its path for a link changes nothing that is done
/// through the handle. Linux only; <see cref="IsSupported"/> is <see langword="false"/> elsewhere and callers fall
/// back to path-based calls.
/// </summary>
internal sealed class DirectoryHandle : IDisposable
{
    private const int OpenReadOnlyCloseOnExec = 0x80000;
    private const int OpenNonBlocking = 0x800;
    private const int RemoveDirectory = 0x200; // AT_REMOVEDIR

    // O_DIRECTORY and O_NOFOLLOW differ between the x86 and the Arm ABIs.
    private static readonly bool ArmFlags =
        RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    private static readonly int OpenDirectoryFlags = OpenReadOnlyCloseOnExec | (ArmFlags ? 0x4000 | 0x8000 : 0x10000 | 0x20000);

    private static readonly int OpenFileFlags = OpenReadOnlyCloseOnExec | OpenNonBlocking | (ArmFlags ? 0x8000 : 0x20000);

    // O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW: a lock file is created if need be, never through a link.
    private static readonly int OpenLockFlags = 0x2 | 0x40 | 0x80000 | (ArmFlags ? 0x8000 : 0x20000);

    private const int LockExclusiveNonBlocking = 0x2 | 0x4; // LOCK_EX | LOCK_NB

    private const int LockFileMode = 0x180; // 0600

    // O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW.
    private static readonly int CreateFileFlags = 0x1 | 0x40 | 0x80 | 0x80000 | (ArmFlags ? 0x8000 : 0x20000);

    private readonly SafeFileHandle _handle;

    private DirectoryHandle(string path, SafeFileHandle handle, FileStatus status)
    {
        Path = path;
        _handle = handle;
        Status = status;
    }

    /// <summary>Whether directories can be walked without following links on this platform.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux();

    /// <summary>The path the directory was opened by, for messages.</summary>
    public string Path { get; }

    /// <summary>What the directory itself is, read from the open handle.</summary>
    public FileStatus Status { get; }

    /// <summary>
    /// Opens a directory by path, refusing a symbolic link in its last component. <see langword="null"/>, with
    /// the reason, when there is nothing there, it is a link, or it is not a directory.
    /// </summary>
    public static DirectoryHandle? OpenOrNull(string path, out string? problem) =>
        Open(Libc.open(path, OpenDirectoryFlags), path, () => UnixFile.TryGetStatus(path, out var status) && status.IsSymbolicLink, out problem);

    /// <summary>Opens a directory inside this one, by name, refusing a symbolic link.</summary>
    public DirectoryHandle? OpenDirectoryOrNull(string name, out string? problem) =>
        Open(
            WithFd(fd => Libc.openat(fd, name, OpenDirectoryFlags)),
            System.IO.Path.Join(Path, name),
            () => TryGetStatus(name, out var status) && status.IsSymbolicLink,
            out problem);

    /// <summary>
    /// Opens a regular file inside this directory for reading, by name, refusing a symbolic link, and never
    /// waiting on a FIFO. <see langword="null"/>, with the reason, when it cannot be opened or is not a regular file.
    /// </summary>
    public SafeFileHandle? OpenFileOrNull(string name, out FileStatus status, out string? problem)
    {
        status = default;
        var fd = WithFd(dir => Libc.openat(dir, name, OpenFileFlags));
        if (fd < 0)
        {
            problem = Describe(Marshal.GetLastPInvokeError());
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (!UnixFile.TryGetStatus(handle, out status) || !status.IsRegularFile)
        {
            handle.Dispose();
            problem = "is not a regular file";
            return null;
        }

        problem = null;
        return handle;
    }

    /// <summary>
    /// Creates a directory inside this one, by name, unless something is there already, and opens it without
    /// following a link: a link planted at the name is refused, never written through.
    /// <see langword="null"/>, with the reason, when it cannot be made or opened.
    /// </summary>
    public DirectoryHandle? CreateDirectoryOrNull(string name, out string? problem)
    {
        if (WithFd(fd => Libc.mkdirat(fd, name, 0x1ff)) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != Libc.Exists)
        {
            problem = Describe(errno);
            return null;
        }

        return OpenDirectoryOrNull(name, out problem);
    }

    /// <summary>
    /// Creates a new file inside this directory for writing, by name, with <paramref name="mode"/> (less the umask):
    /// <c>O_CREAT | O_EXCL | O_NOFOLLOW</c>, so nothing that is there already, a link least of all, is opened.
    /// <see langword="null"/> when something is there (<paramref name="exists"/>, with <paramref name="problem"/>
    /// saying so should it be a link) or it cannot be created (<paramref name="problem"/>).
    /// </summary>
    public SafeFileHandle? CreateFileOrNull(string name, UnixFileMode mode, out bool exists, out string? problem)
    {
        exists = false;
        problem = null;
        var fd = WithFd(dir => Libc.openat(dir, name, CreateFileFlags, (int)mode));
        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == Libc.Exists)
        {
            exists = true;
            problem = TryGetStatus(name, out var status) && status.IsSymbolicLink ? "is a symbolic link" : null;
        }
        else
        {
            problem = Describe(errno);
        }

        return null;
    }

    /// <summary>What the named file is, without following a link; <see langword="false"/> when it is gone.</summary>
    public bool TryGetStatus(string name, out FileStatus status) => UnixFile.TryGetStatusAt(_handle, name, out status);

    /// <summary>The names in the directory, without <c>.</c> and <c>..</c>.</summary>
    public List<string> ReadNames()
    {
        var names = new List<string>();
        var copy = WithFd(Libc.dup);
        if (copy < 0)
        {
            return names;
        }

        var stream = Libc.fdopendir(copy);
        if (stream == IntPtr.Zero)
        {
            Libc.close(copy);
            return names;
        }

        try
        {
            // struct dirent: d_ino, d_off, d_reclen, d_type, then the name at offset 19 on every 64-bit Linux libc.
            for (var entry = Libc.readdir(stream); entry != IntPtr.Zero; entry = Libc.readdir(stream))
            {
                var name = Marshal.PtrToStringUTF8(entry + 19);
                if (name is not (null or "." or ".."))
                {
                    names.Add(name);
                }
            }
        }
        finally
        {
            Libc.closedir(stream);
        }

        return names;
    }

    /// <summary>Removes the named entry of this directory (a link is removed, never followed). Gone already is fine.</summary>
    /// <exception cref="CacheIOException">The file exists and cannot be removed.</exception>
    public void Unlink(string name)
    {
        if (WithFd(fd => Libc.unlinkat(fd, name, 0)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.NoSuchFile)
            {
                throw new CacheIOException(CacheSteps.Unlink, System.IO.Path.Join(Path, name), new IOException(Describe(errno)));
            }
        }
    }

    /// <summary>
    /// Removes the named directory of this one if it is empty and is a real directory (rmdir never follows a
    /// link); <see langword="false"/> otherwise.
    /// </summary>
    public bool TryRemoveEmptyDirectory(string name) =>
        TryGetStatus(name, out var status) && status.IsDirectory && WithFd(fd => Libc.unlinkat(fd, name, RemoveDirectory)) == 0;

    /// <summary>
    /// Creates a directory inside this one, private to the current user (mode 0700, whatever the umask).
    /// <see langword="false"/> when something by that name is there already, which is left as it is.
    /// </summary>
    /// <exception cref="CacheIOException">The directory cannot be created.</exception>
    public bool CreateDirectory(string name)
    {
        if (WithFd(fd => Libc.mkdirat(fd, name, PrivateDirectory.Mode)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == Libc.Exists
                ? false
                : throw new CacheIOException(CacheSteps.Mkdir, System.IO.Path.Join(Path, name), new IOException(Describe(errno)));
        }

        // The umask may have taken bits from the owner; set them on what was just made, never through a link.
        using var created = OpenDirectoryOrNull(name, out _);
        created?.TrySetMode(PrivateDirectory.Mode);
        return true;
    }

    /// <summary>Sets the mode of the directory itself, through the handle; <see langword="false"/> when refused.</summary>
    public bool TrySetMode(int mode) => WithFd(fd => Libc.fchmod(fd, mode)) == 0;

    /// <summary>
    /// Opens, creating it (mode 0600) if need be, a regular file inside this directory, never through a link, and
    /// takes an exclusive <c>flock</c> on it without waiting. <see langword="null"/> when another process holds it.
    /// The lock lives as long as the handle.
    /// </summary>
    /// <exception cref="CacheIOException">The file cannot be opened, or is not a regular file.</exception>
    public SafeFileHandle? TryLockFile(string name)
    {
        var fd = WithFd(dir => Libc.openat(dir, name, OpenLockFlags, LockFileMode));
        if (fd < 0)
        {
            throw new CacheIOException(CacheSteps.Lock, System.IO.Path.Join(Path, name), new IOException(Describe(Marshal.GetLastPInvokeError())));
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (!UnixFile.TryGetStatus(handle, out var status) || !status.IsRegularFile)
        {
            handle.Dispose();
            throw new CacheIOException(CacheSteps.Lock, System.IO.Path.Join(Path, name), new IOException("is not a regular file"));
        }

        if (Libc.flock(fd, LockExclusiveNonBlocking) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            return errno == Libc.WouldBlock
                ? null
                : throw new CacheIOException(CacheSteps.Lock, System.IO.Path.Join(Path, name), new IOException(Describe(errno)));
        }

        return handle;
    }

    /// <summary>
    /// A path that names <paramref name="name"/> inside this very directory, whatever its own path names by now:
    /// <c>/proc/self/fd/N/name</c>, which the kernel resolves through the open handle. For calls that take only a
    /// path (a socket's address, a cache dir); valid while the handle stays open, and short however long the
    /// directory's own path is.
    /// </summary>
    public string PathThrough(string name)
    {
        var fd = WithFd(static fd => fd);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/proc/self/fd/{fd}/{name}");
    }

    /// <summary>
    /// Removes the named entry and, when it is a real directory, everything in it, through handles: a link is
    /// removed, never followed, so nothing outside this directory is ever touched. Gone already is fine.
    /// </summary>
    /// <exception cref="CacheIOException">Something in it cannot be removed.</exception>
    public void RemoveTree(string name)
    {
        if (!TryGetStatus(name, out var status))
        {
            return;
        }

        if (!status.IsDirectory)
        {
            Unlink(name);
            return;
        }

        using (var inner = OpenDirectoryOrNull(name, out var problem))
        {
            if (inner is null)
            {
                // Swapped for something else since it was looked at: removed as the entry it is now, never entered.
                if (problem is not null)
                {
                    Unlink(name);
                }

                return;
            }

            foreach (var entry in inner.ReadNames())
            {
                inner.RemoveTree(entry);
            }
        }

        if (WithFd(fd => Libc.unlinkat(fd, name, RemoveDirectory)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.NoSuchFile)
            {
                throw new CacheIOException(CacheSteps.Unlink, System.IO.Path.Join(Path, name), new IOException(Describe(errno)));
            }
        }
    }

    /// <summary>Puts a file's access time back, leaving its write time alone; best effort.</summary>
    public static void RestoreAccessTime(SafeFileHandle file, long accessTicks)
    {
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            var sinceEpoch = accessTicks - DateTime.UnixEpoch.Ticks;
            var times = new Libc.TimeSpec[]
            {
                new(sinceEpoch / TimeSpan.TicksPerSecond, sinceEpoch % TimeSpan.TicksPerSecond * 100),
                new(0, Libc.TimeSpec.Omit),
            };
            _ = Libc.futimens((int)file.DangerousGetHandle(), times);
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    public void Dispose() => _handle.Dispose();

    private static DirectoryHandle? Open(int fd, string path, Func<bool> isLink, out string? problem)
    {
        if (fd < 0)
        {
            // With O_DIRECTORY, Linux answers ENOTDIR rather than ELOOP for a link: look at what is there.
            var errno = Marshal.GetLastPInvokeError();
            problem = errno switch
            {
                Libc.NoSuchFile => null,
                Libc.Loop or Libc.NotDirectory when isLink() => "is a symbolic link",
                Libc.NotDirectory => "is not a directory",
                _ => Describe(errno),
            };
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (!UnixFile.TryGetStatus(handle, out var status))
        {
            handle.Dispose();
            problem = "cannot be inspected";
            return null;
        }

        problem = null;
        return new DirectoryHandle(path, handle, status);
    }

    private int WithFd(Func<int, int> call)
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            return call((int)_handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    private static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
