namespace RoslynBootsnap.Caching;

/// <summary>
/// Decides whether a cache file or directory may be trusted: code loaded from the cache runs with the host's
/// rights, so nothing another user could have planted is ever loaded. Trusted means not a symbolic link, not
/// writable by group or others, and owned by the current user or root.
/// </summary>
/// <remarks>
/// Ownership comes from <c>statx(2)</c> (see <see cref="UnixFile"/>). Where it is not available, the mode and
/// link checks still apply.
/// </remarks>
internal static class FileTrust
{
    private const ushort GroupOrOtherWrite = 0x12; // S_IWGRP | S_IWOTH

    // A plain set under a lock: it is read once per load, and System.Collections.Concurrent would be one more
    // assembly for every warm start to load.
    private static readonly HashSet<string> TrustedDirectories = new(StringComparer.Ordinal);

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

        var verdict = Check(directory, out var status, out var known);

        // Only a trusted, existing directory is remembered: one that is fixed later is trusted again without a
        // restart, and one that does not exist yet is looked at again once somebody has created it.
        if (verdict is null && (known ? status.IsDirectory : Directory.Exists(directory)))
        {
            lock (TrustedDirectories)
            {
                TrustedDirectories.Add(directory);
            }
        }

        return verdict;
    }

    /// <summary>Why the file or directory at <paramref name="path"/> cannot be trusted, or <see langword="null"/>.</summary>
    public static string? Check(string path) => Check(path, out _, out _);

    /// <summary>
    /// As <see cref="Check(string)"/>, and hands back what <c>statx</c> said about the path when
    /// <paramref name="known"/>, so that the caller need not ask again.
    /// </summary>
    public static string? Check(string path, out FileStatus status, out bool known)
    {
        status = default;
        known = false;
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (UnixFile.TryGetStatus(path, out status))
        {
            known = true;
            return Judge(status);
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

    /// <summary>Whether a file or directory belongs to the current user or root: what the cache may prune in.</summary>
    public static bool IsOwnedByCurrentUserOrRoot(in FileStatus status)
    {
        var user = CurrentUser();
        return user < 0 || status.Owner == user || status.Owner == 0;
    }

    /// <summary>Why a file or directory with this status cannot be trusted, or <see langword="null"/>.</summary>
    public static string? Judge(in FileStatus status)
    {
        if (status.IsSymbolicLink)
        {
            return "is a symbolic link";
        }

        if ((status.Mode & GroupOrOtherWrite) != 0)
        {
            return "is writable by group or others";
        }

        var user = CurrentUser();
        return user >= 0 && status.Owner != user && status.Owner != 0
            ? $"is owned by user {status.Owner}, not by the current user or root"
            : null;
    }

    private static long CurrentUser()
    {
        var user = Volatile.Read(ref _currentUser);
        if (user == UserNotRead)
        {
            user = UnixFile.TryGetEffectiveUser(out var euid) ? euid : -1;
            Volatile.Write(ref _currentUser, user);
        }

        return user;
    }
}
