using System.Reflection;
using System.Runtime.InteropServices;

namespace RoslynBootsnap.Platform;

/// <summary>
/// The libc functions the cache calls, bound through one resolver: glibc's soname first, so the runtime finds the
/// library it has already loaded instead of probing a dozen file names for "libc", and the runtime's own probing
/// wherever that soname does not exist (musl). Linux only; callers check first.
/// </summary>
internal static partial class Libc
{
    /// <summary>errno: no such file or directory.</summary>
    public const int NoSuchFile = 2;

    /// <summary>errno: the file exists, which is what O_CREAT | O_EXCL answers for anything there, a link included.</summary>
    public const int Exists = 17;

    /// <summary>errno: a path component is not a directory.</summary>
    public const int NotDirectory = 20;

    /// <summary>errno: too many levels of symbolic links, which is what O_NOFOLLOW answers for a link.</summary>
    public const int Loop = 40;

    /// <summary>errno: the operation would block (a lock another process holds).</summary>
    public const int WouldBlock = 11;

    private const string Name = "libc";

    // An explicit static constructor runs before the first call into any binding below, so the resolver is in
    // place before the runtime looks for the library.
    static Libc()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Libc).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The host has set a resolver for this assembly already: it decides.
        }
    }

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int open(string path, int flags);

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int openat(int dirfd, string path, int flags);

    /// <summary><c>openat</c> with the mode a created file gets.</summary>
    [LibraryImport(Name, EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int openat(int dirfd, string path, int flags, int mode);

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mkdir(string path, int mode);

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mkdirat(int dirfd, string path, int mode);

    [LibraryImport(Name, SetLastError = true)]
    public static partial int fchmod(int fd, int mode);

    [LibraryImport(Name, SetLastError = true)]
    public static partial int flock(int fd, int operation);

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport(Name)]
    public static partial uint geteuid();

    [LibraryImport(Name)]
    public static partial uint getegid();

    /// <summary>The supplementary groups; with a <paramref name="size"/> of 0, only their number.</summary>
    [LibraryImport(Name, SetLastError = true)]
    public static partial int getgroups(int size, [Out] uint[]? list);

    [LibraryImport(Name, SetLastError = true)]
    public static partial int setsid();

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int unlinkat(int dirfd, string path, int flags);

    [LibraryImport(Name, SetLastError = true)]
    public static partial int dup(int fd);

    /// <summary>glibc's: hands the free memory of every malloc arena back to the system. musl has none.</summary>
    [LibraryImport(Name)]
    public static partial int malloc_trim(nuint pad);

    [LibraryImport(Name, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Name, SetLastError = true)]
    public static partial IntPtr fdopendir(int fd);

    [LibraryImport(Name, SetLastError = true)]
    public static partial IntPtr readdir(IntPtr stream);

    [LibraryImport(Name, SetLastError = true)]
    public static partial int closedir(IntPtr stream);

    [LibraryImport(Name, SetLastError = true)]
    public static partial int futimens(int fd, [In] TimeSpec[] times);

    [LibraryImport(Name, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport(Name)]
    public static partial void free(IntPtr pointer);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Name && NativeLibrary.TryLoad("libc.so.6", out var handle) ? handle : IntPtr.Zero;

    /// <summary><c>struct timespec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly struct TimeSpec(long seconds, long nanoseconds)
    {
        /// <summary>UTIME_OMIT: leave this time as it is.</summary>
        public const long Omit = (1L << 30) - 2;

        public readonly long Seconds = seconds;
        public readonly long Nanoseconds = nanoseconds;
    }

    /// <summary>The fields of <c>struct statx</c> read here, at their offsets, padded to its full 256 bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatxBuffer
    {
        [FieldOffset(0)]
        public uint Mask;

        [FieldOffset(20)]
        public uint Uid;

        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(40)]
        public ulong Size;

        [FieldOffset(64)]
        public long AccessSeconds;

        [FieldOffset(72)]
        public uint AccessNanoseconds;

        [FieldOffset(112)]
        public long WriteSeconds;

        [FieldOffset(120)]
        public uint WriteNanoseconds;
    }
}
