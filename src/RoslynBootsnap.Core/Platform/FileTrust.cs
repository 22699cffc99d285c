namespace RoslynBootsnap.Platform;

/// <summary>
/// Decides whether a cache file or directory may be trusted: code loaded from the cache runs with the host's
/// rights, so nothing an untrusted user could have planted is ever loaded. Trusted means not a symbolic link,
/// not writable by group or others, and owned by the current user, root or one of the trusted owners.
/// </summary>
/// <remarks>
/// Ownership comes from <c>statx(2)</c> (see <see cref="UnixFile"/>). Where it is not available, the mode and
/// link checks still apply.
/// </remarks>
internal static class FileTrust
{
    private const ushort GroupOrOtherWrite = 0x12; // S_IWGRP | S_IWOTH

    // The effective user id, read on first use; -1 where it cannot be read. A plain field rather than a
    // Lazy<uint?>: that generic instantiation is JIT work on every start.
    private const long UserNotRead = -2;

    // Directories found trusted, with their owner (-1 when unknown). The owner is judged again on every
    // lookup, because caches in one process may trust different owners; the link and mode checks are not.
    // A plain dictionary under a lock: it is read once per load, and System.Collections.Concurrent would be
    // one more assembly for every warm start to load.
    private static readonly Dictionary<string, long> TrustedDirectories = new(StringComparer.Ordinal);

    private static long _currentUser = UserNotRead;

    /// <summary>
    /// Why the directory cannot be trusted, or <see langword="null"/> (also when it does not exist yet).
    /// Directories are checked once per process for links and mode, entries on every read.
    /// </summary>
    public static TrustProblem? CheckDirectory(string directory, OwnerTrust owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        long cachedOwner;
        bool cached;
        lock (TrustedDirectories)
        {
            cached = TrustedDirectories.TryGetValue(directory, out cachedOwner);
        }

        if (cached)
        {
            return cachedOwner < 0 ? null : JudgeOwner((uint)cachedOwner, owners);
        }

        var verdict = Check(directory, owners, out var status, out var known);

        // Only a trusted, existing directory is remembered: one that is fixed later is trusted again without a
        // restart, and one that does not exist yet is looked at again once somebody has created it.
        if (verdict is null && (known ? status.IsDirectory : Directory.Exists(directory)))
        {
            lock (TrustedDirectories)
            {
                TrustedDirectories[directory] = known ? status.Owner : -1;
            }
        }

        return verdict;
    }

    /// <summary>
    /// Why the file or directory at <paramref name="path"/> cannot be trusted, or <see langword="null"/>, with
    /// the trusted owners of <c>ROSLYN_BOOTSNAP_TRUSTED_OWNERS</c>: the judgement the maintenance commands use.
    /// </summary>
    public static string? Check(string path) => Check(path, OwnerTrust.FromEnvironment(), out _, out _)?.Reason;

    /// <summary>
    /// Why the file or directory at <paramref name="path"/> cannot be trusted, or <see langword="null"/>, and
    /// what <c>statx</c> said about the path when <paramref name="known"/>, so that the caller need not ask again.
    /// </summary>
    public static TrustProblem? Check(string path, OwnerTrust owners, out FileStatus status, out bool known)
    {
        ArgumentNullException.ThrowIfNull(owners);
        status = default;
        known = false;
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (UnixFile.TryGetStatus(path, out status))
        {
            known = true;
            return Judge(status, owners);
        }

        // No statx here, or nothing at the path: fall back to what .NET can tell.
        if (!Path.Exists(path))
        {
            return null;
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return TrustProblem.Link;
        }

        var unixMode = info.Exists ? info.UnixFileMode : new DirectoryInfo(path).UnixFileMode;
        return ((ushort)unixMode & GroupOrOtherWrite) != 0 ? TrustProblem.Mode : null;
    }

    /// <summary>Whether a file or directory belongs to the current user or root: what the cache may prune in.</summary>
    public static bool IsOwnedByCurrentUserOrRoot(in FileStatus status)
    {
        var user = CurrentUser();
        return user < 0 || status.Owner == user || status.Owner == 0;
    }

    /// <summary>Judges what <c>statx</c> said about a file or directory, with the given trusted owners.</summary>
    public static TrustProblem? Judge(in FileStatus status, OwnerTrust owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        if (status.IsSymbolicLink)
        {
            return TrustProblem.Link;
        }

        if ((status.Mode & GroupOrOtherWrite) != 0)
        {
            return TrustProblem.Mode;
        }

        return JudgeOwner(status.Owner, owners);
    }

    private static TrustProblem? JudgeOwner(uint owner, OwnerTrust owners) =>
        owners.Trusts(owner, CurrentUser()) ? null : TrustProblem.Owner(owner, owners);

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
