using System.Collections.Concurrent;
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
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const ushort FileTypeMask = 0xf000;
    private const ushort SymbolicLink = 0xa000;
    private const ushort GroupOrOtherWrite = 0x12; // S_IWGRP | S_IWOTH

    private static readonly ConcurrentDictionary<string, string?> TrustedDirectories = new(StringComparer.Ordinal);

    private static readonly Lazy<uint?> CurrentUser = new(() =>
    {
        try
        {
            return OperatingSystem.IsLinux() ? geteuid() : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    });

    /// <summary>
    /// Why the directory cannot be trusted, or <see langword="null"/> (also when it does not exist yet).
    /// Directories are checked once per process, entries on every read.
    /// </summary>
    public static string? CheckDirectory(string directory)
    {
        if (TrustedDirectories.ContainsKey(directory))
        {
            return null;
        }

        var verdict = Check(directory);

        // Only a trusted, existing directory is remembered: one that is fixed later is trusted again without a
        // restart, and one that does not exist yet is looked at again once somebody has created it.
        if (verdict is null && Directory.Exists(directory))
        {
            TrustedDirectories[directory] = null;
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

        return CurrentUser.Value is { } user && owner != user && owner != 0
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
            if (statx(-100 /* AT_FDCWD */, path, AtSymlinkNoFollow, StatxBasicStats, out var buffer) != 0)
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

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc")]
    private static partial uint geteuid();

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
