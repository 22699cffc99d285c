using System.Runtime.InteropServices;

namespace RoslynBootsnap.Caching;

/// <summary>
/// Decides whether a cache file or directory may be trusted: code loaded from the cache runs with the host's
/// rights, so nothing another user could have planted is ever loaded. Trusted means not a symbolic link, not
/// writable by group or others, and owned by the current user or root.
/// </summary>
/// <remarks>
/// Ownership comes from <c>statx(2)</c>, whose buffer layout is the same on every Linux architecture. Where it
/// is not available, the mode and link checks still apply.
/// </remarks>
internal static partial class FileTrust
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const ushort FileTypeMask = 0xf000;
    private const ushort SymbolicLink = 0xa000;
    private const ushort GroupOrOtherWrite = 0x12; // S_IWGRP | S_IWOTH

    // A plain set under a lock: it is read once per load, and System.Collections.Concurrent would be one more
    // assembly for every warm start to load.
    private static readonly HashSet<string> TrustedDirectories = new(StringComparer.Ordinal);

    // glibc's soname first: the runtime then finds the library already loaded instead of probing a dozen file
    // names for "libc". Elsewhere (musl) the plain name is tried once that fails.
    private static bool _plainLibcName;

    // The effective user id, read on first use; -1 where it cannot be read. A plain field rather than a
    // Lazy<uint?>: that generic instantiation is JIT work on every start.
    private const long UserNotRead = -2;
    private static long _currentUser = UserNotRead;

    /// <summary>
    /// Why the directory cannot be trusted, or <see langword="null"/> (also when it does not exist yet).
    /// Directories are checked once per process, entries on every read.
    /// </summary>
    public static string? CheckDirectory(string directory)
    {
        lock (TrustedDirectories)
        {
            if (TrustedDirectories.Contains(directory))
            {
                return null;
            }
        }

        var verdict = Check(directory);

        // Only a trusted, existing directory is remembered: one that is fixed later is trusted again without a
        // restart, and one that does not exist yet is looked at again once somebody has created it.
        if (verdict is null && Directory.Exists(directory))
        {
            lock (TrustedDirectories)
            {
                TrustedDirectories.Add(directory);
            }
        }

        return verdict;
    }

    /// <summary>Why the file or directory at <paramref name="path"/> cannot be trusted, or <see langword="null"/>.</summary>
    public static string? Check(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (TryStat(path, out var mode, out var owner))
        {
            return Judge(mode, owner);
        }

        // No statx here, or nothing at the path: fall back to what .NET can tell.
        if (!Path.Exists(path))
        {
            return null;
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return "is a symbolic link";
        }

        var unixMode = info.Exists ? info.UnixFileMode : new DirectoryInfo(path).UnixFileMode;
        return ((ushort)unixMode & GroupOrOtherWrite) != 0 ? "is writable by group or others" : null;
    }

    private static string? Judge(ushort mode, uint owner)
    {
        if ((mode & FileTypeMask) == SymbolicLink)
        {
            return "is a symbolic link";
        }

        if ((mode & GroupOrOtherWrite) != 0)
        {
            return "is writable by group or others";
        }

        var user = CurrentUser();
        return user >= 0 && owner != user && owner != 0
            ? $"is owned by user {owner}, not by the current user or root"
            : null;
    }

    private static bool TryStat(string path, out ushort mode, out uint owner)
    {
        mode = 0;
        owner = 0;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            if (Statx(path, out var buffer) != 0)
            {
                return false;
            }

            mode = buffer.Mode;
            owner = buffer.Uid;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static long CurrentUser()
    {
        var user = Volatile.Read(ref _currentUser);
        if (user == UserNotRead)
        {
            try
            {
                user = OperatingSystem.IsLinux() ? GetEffectiveUser() : -1;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                user = -1;
            }

            Volatile.Write(ref _currentUser, user);
        }

        return user;
    }

    private static int Statx(string path, out StatxBuffer buffer)
    {
        if (!_plainLibcName)
        {
            try
            {
                return GlibcImports.statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, out buffer);
            }
            catch (DllNotFoundException)
            {
                _plainLibcName = true;
            }
        }

        return LibcImports.statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, out buffer);
    }

    private static uint GetEffectiveUser()
    {
        if (!_plainLibcName)
        {
            try
            {
                return GlibcImports.geteuid();
            }
            catch (DllNotFoundException)
            {
                _plainLibcName = true;
            }
        }

        return LibcImports.geteuid();
    }

    private static partial class GlibcImports
    {
        [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        public static partial int statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

        [LibraryImport("libc.so.6")]
        public static partial uint geteuid();
    }

    private static partial class LibcImports
    {
        [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        public static partial int statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

        [LibraryImport("libc")]
        public static partial uint geteuid();
    }

    /// <summary>The leading fields of <c>struct statx</c>, padded to its full 256 bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(20)]
        public uint Uid;

        [FieldOffset(28)]
        public ushort Mode;
    }
}
