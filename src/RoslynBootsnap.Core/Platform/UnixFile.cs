using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RoslynBootsnap.Platform;

/// <summary>
/// <c>open(2)</c>, <c>statx(2)</c> and <c>geteuid(2)</c> from libc. One <c>statx</c> answers what .NET would take
/// several calls for (size and write time are separate <c>fstat</c>s there, and the owner is not exposed at all),
/// and a hit makes a few of them per script. Its buffer layout is the same on every Linux architecture. Elsewhere,
/// or where libc lacks it, every method answers <see langword="false"/> and callers fall back to .NET's own calls.
/// </summary>
internal static partial class UnixFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;

    // What the callers read: type and mode, owner, size, access and write times. A file system that cannot fill
    // them all in (statx says which it did in stx_mask) is answered like a missing statx: callers ask .NET.
    private const uint StatxNeeded = 0x1 | 0x2 | 0x8 | 0x20 | 0x40 | 0x200;

    // O_RDONLY | O_CLOEXEC | O_NONBLOCK, the same on every Linux architecture .NET runs on. O_NONBLOCK lets a
    // FIFO with no writer open at once, to be turned away by its status, instead of blocking in open(2); it
    // changes nothing for a regular file.
    private const int OpenFlags = 0x80000 | 0x800;

    // O_NOFOLLOW: refuses a symbolic link in the last component. It differs between the x86 and the Arm ABIs.
    private static readonly int NoFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>The file at <paramref name="path"/> itself, not what a symbolic link there points to.</summary>
    public static bool TryGetStatus(string path, out FileStatus status)
    {
        status = default;
        return !_unavailable && TryStatx(AtFdCwd, path, AtSymlinkNoFollow, out status);
    }

    /// <summary>The file behind an open handle: what was opened, whatever the path names by now.</summary>
    public static bool TryGetStatus(SafeFileHandle handle, out FileStatus status)
    {
        status = default;
        if (_unavailable)
        {
            return false;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            return TryStatx(fd, string.Empty, AtEmptyPath, out status);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The file named <paramref name="name"/> inside an open directory, not what a link there points to.</summary>
    public static bool TryGetStatusAt(SafeFileHandle directory, string name, out FileStatus status)
    {
        status = default;
        if (_unavailable)
        {
            return false;
        }

        var added = false;
        try
        {
            directory.DangerousAddRef(ref added);
            return TryStatx((int)directory.DangerousGetHandle(), name, AtSymlinkNoFollow, out status);
        }
        finally
        {
            if (added)
            {
                directory.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Opens a regular file for reading and reads its status from the open handle: two system calls where
    /// <see cref="File.OpenHandle"/> makes five (it adds an <c>fstat</c> and takes and drops an advisory
    /// <c>flock</c>, which no writer of the cache or of a script ever waits for), and its first call costs a
    /// fresh process start-up work of its own. <see langword="null"/> when the file cannot be opened
    /// this way or is not a regular file.
    /// </summary>
    public static SafeFileHandle? OpenRegularFileOrNull(string path, out FileStatus status) =>
        OpenRegularFileOrNull(path, out status, out _);

    /// <summary>
    /// As <see cref="OpenRegularFileOrNull(string, out FileStatus)"/>, and tells the two kinds of
    /// <see langword="null"/> apart. <paramref name="notRegular"/> means the path opened and is something else
    /// (a FIFO, a device, a directory), described by <paramref name="status"/>: the caller must not open it
    /// again with .NET, whose open blocks on a FIFO with no writer. Otherwise the open failed, with
    /// <paramref name="error"/> the errno (0 when open(2) is not available here, and .NET's open reports the reason).
    /// With <paramref name="noFollow"/>, a symbolic link is not followed: the open fails with <see cref="Libc.Loop"/>.
    /// </summary>
    public static SafeFileHandle? OpenRegularFileOrNull(string path, out FileStatus status, out bool notRegular, out int error, bool noFollow = false)
    {
        status = default;
        notRegular = false;
        error = 0;
        if (_unavailable)
        {
            return null;
        }

        int fd;
        try
        {
            fd = Libc.open(path, noFollow ? OpenFlags | NoFollow : OpenFlags);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }

        if (fd < 0)
        {
            error = Marshal.GetLastPInvokeError();
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (TryGetStatus(handle, out status) && status.IsRegularFile)
        {
            return handle;
        }

        notRegular = status.Mode != 0;
        handle.Dispose();
        return null;
    }

    /// <inheritdoc cref="OpenRegularFileOrNull(string, out FileStatus, out bool, out int, bool)"/>
    public static SafeFileHandle? OpenRegularFileOrNull(string path, out FileStatus status, out bool notRegular) =>
        OpenRegularFileOrNull(path, out status, out notRegular, out _);

    /// <summary>The effective user id, or <see langword="false"/> where it cannot be read.</summary>
    public static bool TryGetEffectiveUser(out uint user)
    {
        user = 0;
        if (_unavailable)
        {
            return false;
        }

        try
        {
            user = Libc.geteuid();
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return false;
        }
    }

    private static bool TryStatx(int directory, string path, int flags, out FileStatus status)
    {
        status = default;
        Libc.StatxBuffer buffer;
        try
        {
            if (Libc.statx(directory, path, flags, StatxBasicStats, out buffer) != 0 || (buffer.Mask & StatxNeeded) != StatxNeeded)
            {
                return false;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return false;
        }

        status = new FileStatus(
            buffer.Mode,
            buffer.Uid,
            (long)buffer.Size,
            Ticks(buffer.AccessSeconds, buffer.AccessNanoseconds),
            Ticks(buffer.WriteSeconds, buffer.WriteNanoseconds));
        return true;
    }

    /// <summary>Seconds and nanoseconds since the epoch as UTC ticks, the way .NET converts file times.</summary>
    private static long Ticks(long seconds, uint nanoseconds) =>
        DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100);
}
