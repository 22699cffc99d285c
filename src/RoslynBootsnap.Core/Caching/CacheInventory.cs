using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Caching;

/// <summary>
/// Walks a cache dir and classifies every file in it, for <c>stats</c>, <c>clean</c> and <c>verify</c>. Only
/// files in the <c>xx/</c> shard layout are considered; anything else in the directory is not ours.
/// </summary>
/// <remarks>
/// The walk never follows a symbolic link, at any level: the cache dir and each shard are opened with
/// <c>O_NOFOLLOW | O_DIRECTORY</c> and everything in them is looked at and read through those handles, so a
/// shard swapped for a link to somebody else's directory, before or during the walk, is reported as a link
/// and nothing behind it is read, listed or touched.
/// </remarks>
internal static class CacheInventory
{
    /// <summary>How long a temp file may live before it counts as left behind by a dead writer.</summary>
    public static readonly TimeSpan AbandonedTempFileAge = TimeSpan.FromHours(1);

    public static IEnumerable<CacheEntryInfo> Scan(string cacheDirectory)
    {
        var root = CachePath.NormalizeCacheDirectory(cacheDirectory);
        return DirectoryHandle.IsSupported ? ScanWithoutFollowing(root) : ScanByPath(root);
    }

    /// <summary>Classifies one file under the cache dir.</summary>
    public static CacheEntryInfo Inspect(string cacheDirectory, string file)
    {
        var root = CachePath.NormalizeCacheDirectory(cacheDirectory);
        if (!DirectoryHandle.IsSupported)
        {
            return InspectByPath(root, file, null);
        }

        using var shard = OpenShard(root, Path.GetDirectoryName(file) ?? string.Empty, out var problem);
        if (shard is null)
        {
            return Describe(file, default, CacheEntryStatus.NotRegularFile, null, problem ?? "does not exist");
        }

        return Inspect(shard, Path.GetFileName(file), problem, NamespaceOf(root, shard.Path))
            ?? Describe(file, default, CacheEntryStatus.Unreadable, null, "does not exist");
    }

    /// <summary>
    /// Opens a shard of the cache dir, <c>root/xx</c> or <c>root/namespace/xx</c>, without following a link at any
    /// level. <see langword="null"/>, with the reason, when it is not one or cannot be opened; otherwise
    /// <paramref name="problem"/> says why the shard or its namespace cannot be trusted, if they cannot.
    /// </summary>
    public static DirectoryHandle? OpenShard(string root, string shardPath, out string? problem)
    {
        var parent = Path.GetDirectoryName(shardPath);
        var shardName = Path.GetFileName(shardPath);
        var inNamespace = parent is not null && !string.Equals(parent, root, StringComparison.Ordinal);
        if (parent is null || !CachePath.IsShardName(shardName)
            || (inNamespace && (!string.Equals(Path.GetDirectoryName(parent), root, StringComparison.Ordinal) || !CachePath.IsNamespaceName(Path.GetFileName(parent)))))
        {
            problem = "is not a shard of the cache dir";
            return null;
        }

        using var rootHandle = DirectoryHandle.OpenOrNull(root, out problem);
        if (rootHandle is null)
        {
            return null;
        }

        if (!inNamespace)
        {
            var legacy = rootHandle.OpenDirectoryOrNull(shardName, out problem);
            problem ??= legacy is null ? null : Untrusted(legacy.Status);
            return legacy;
        }

        using var space = rootHandle.OpenDirectoryOrNull(Path.GetFileName(parent), out problem);
        var shard = space?.OpenDirectoryOrNull(shardName, out problem);
        if (space is not null && shard is not null)
        {
            problem = Untrusted(shard.Status) ?? Untrusted(space.Status);
        }

        return shard;
    }

    private static IEnumerable<CacheEntryInfo> ScanWithoutFollowing(string root)
    {
        using var rootHandle = DirectoryHandle.OpenOrNull(root, out var rootProblem);
        if (rootHandle is null)
        {
            if (rootProblem is not null)
            {
                yield return Foreign(root, rootProblem);
            }

            yield break;
        }

        foreach (var name in rootHandle.ReadNames().Order(StringComparer.Ordinal))
        {
            if (CachePath.IsShardName(name))
            {
                // A shard directly in the cache dir: the layout before namespaces.
                foreach (var info in ScanShard(rootHandle, name, null, null))
                {
                    yield return info;
                }

                continue;
            }

            if (!CachePath.IsNamespaceName(name) || Child(rootHandle, name) is not { } space)
            {
                continue;
            }

            if (space.Foreign is { } foreign)
            {
                yield return foreign;
                continue;
            }

            using var handle = space.Handle!;
            var untrusted = Untrusted(handle.Status);
            foreach (var shardName in handle.ReadNames().Where(CachePath.IsShardName).Order(StringComparer.Ordinal))
            {
                foreach (var info in ScanShard(handle, shardName, untrusted, name))
                {
                    yield return info;
                }
            }
        }
    }

    /// <summary>Every file of one shard, which is opened without following a link.</summary>
    private static IEnumerable<CacheEntryInfo> ScanShard(DirectoryHandle parent, string name, string? parentProblem, string? space)
    {
        if (Child(parent, name) is not { } shard)
        {
            yield break;
        }

        if (shard.Foreign is { } foreign)
        {
            yield return foreign;
            yield break;
        }

        using var handle = shard.Handle!;
        var untrusted = Untrusted(handle.Status) ?? parentProblem;
        foreach (var file in handle.ReadNames().Order(StringComparer.Ordinal))
        {
            if (Inspect(handle, file, untrusted, space) is { } info)
            {
                yield return info;
            }
        }
    }

    /// <summary>
    /// Opens a directory of the layout, or says what is there instead; <see langword="null"/> when it is gone or
    /// is a plain file that only looks like part of the layout.
    /// </summary>
    private static (DirectoryHandle? Handle, CacheEntryInfo? Foreign)? Child(DirectoryHandle parent, string name)
    {
        var path = Path.Join(parent.Path, name);
        if (!parent.TryGetStatus(name, out var status) || status.IsRegularFile)
        {
            return null;
        }

        if (!status.IsDirectory)
        {
            return (null, Describe(path, status, StatusOf(status), null, ProblemOf(status)));
        }

        // A directory swapped for a link after the look above is refused here, by O_NOFOLLOW.
        var handle = parent.OpenDirectoryOrNull(name, out var problem);
        if (handle is not null)
        {
            return (handle, null);
        }

        return problem is null ? null : (null, Foreign(path, problem));
    }

    /// <summary>Classifies one file of an open shard; <see langword="null"/> when it is gone.</summary>
    private static CacheEntryInfo? Inspect(DirectoryHandle shard, string name, string? shardProblem, string? space) =>
        InspectFile(shard, name, shardProblem) is { } info ? info with { Namespace = space } : null;

    private static CacheEntryInfo? InspectFile(DirectoryHandle shard, string name, string? shardProblem)
    {
        var path = Path.Join(shard.Path, name);
        if (!shard.TryGetStatus(name, out var status))
        {
            return null;
        }

        if (!status.IsRegularFile)
        {
            return Describe(path, status, StatusOf(status), null, ProblemOf(status));
        }

        if (name.Contains(CacheFile.TempMarker, StringComparison.Ordinal))
        {
            return Describe(path, status, CacheEntryStatus.TempFile, null, null);
        }

        if ((shardProblem ?? Untrusted(status)) is { } untrusted)
        {
            return Describe(path, status, CacheEntryStatus.Untrusted, null, untrusted);
        }

        using var handle = shard.OpenFileOrNull(name, out var opened, out var openProblem);
        if (handle is null)
        {
            return Describe(path, status, CacheEntryStatus.Unreadable, null, openProblem);
        }

        byte[] bytes;
        try
        {
            if (CacheFile.ReadOpened(handle, opened.Size, path, out bytes) != CacheReadStatus.Read)
            {
                return Describe(path, opened, CacheEntryStatus.Corrupt, null, "too large to be an entry");
            }
        }
        catch (CacheIOException e)
        {
            return Describe(path, opened, CacheEntryStatus.Unreadable, null, e.Message);
        }
        finally
        {
            // Reading must not count as a use of the entry (relatime may have moved its access time).
            if (UnixFile.TryGetStatus(handle, out var after) && after.AccessTicks != opened.AccessTicks)
            {
                DirectoryHandle.RestoreAccessTime(handle, opened.AccessTicks);
            }
        }

        var (entryStatus, source, problem) = Classify(Path.GetDirectoryName(shard.Path)!, path, bytes);
        return Describe(path, opened, entryStatus, source, problem);
    }

    /// <summary>
    /// What an entry's bytes say about it: well formed or not, and whether its script is still there and maps to
    /// this entry in <paramref name="shardParent"/>, its namespace directory (or the cache dir, for the old layout).
    /// </summary>
    private static (CacheEntryStatus Status, string? SourcePath, string? Problem) Classify(string shardParent, string path, byte[] bytes)
    {
        if (bytes.Length < CacheHeader.Size)
        {
            return (CacheEntryStatus.Corrupt, null, "shorter than a header");
        }

        var header = CacheHeader.Read(bytes);
        if (EntryLayout.CheckData(bytes, header, out var manifest, out _) is { } broken)
        {
            var problem = broken switch
            {
                CacheSteps.DataSize => "data size does not match the file",
                CacheSteps.Checksum => "payload checksum does not match",
                _ => "manifest does not match its header",
            };
            return (CacheEntryStatus.Corrupt, null, problem);
        }

        // A relocatable entry names its script relative to a base dir only its hosts know: it cannot be orphaned here.
        var relocatable = !Path.IsPathRooted(manifest.SourcePath);
        if (!relocatable && !File.Exists(manifest.SourcePath))
        {
            return (CacheEntryStatus.Orphaned, manifest.SourcePath, "script no longer exists");
        }

        if (!string.Equals(CachePath.GetEntryPath(shardParent, manifest.SourcePath), path, StringComparison.Ordinal))
        {
            return (CacheEntryStatus.Orphaned, manifest.SourcePath, "entry is not at its script's path");
        }

        return (CacheEntryStatus.Valid, manifest.SourcePath, null);
    }

    /// <summary>The walk where directories cannot be opened without following links: links are skipped by their paths.</summary>
    private static IEnumerable<CacheEntryInfo> ScanByPath(string root)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var shards = Directory.EnumerateDirectories(root)
            .Where(d => CachePath.IsNamespaceName(Path.GetFileName(d)) && new DirectoryInfo(d).LinkTarget is null)
            .SelectMany(Directory.EnumerateDirectories)
            .Concat(Directory.EnumerateDirectories(root))
            .Where(d => CachePath.IsShardName(Path.GetFileName(d)))
            .Order(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            if (new DirectoryInfo(shard).LinkTarget is not null)
            {
                yield return Describe(shard, default, CacheEntryStatus.SymbolicLink, null, "is a symbolic link; not followed");
                continue;
            }

            var shardUntrusted = FileTrust.Check(shard);
            IEnumerable<string> files;
            try
            {
                files = [.. Directory.EnumerateFiles(shard).Order(StringComparer.Ordinal)];
            }
            catch (Exception e) when (FileFault.IsFileError(e))
            {
                files = [];
            }

            foreach (var file in files)
            {
                yield return InspectByPath(root, file, shardUntrusted) with { Namespace = NamespaceOf(root, shard) };
            }
        }
    }

    private static CacheEntryInfo InspectByPath(string root, string file, string? shardProblem)
    {
        var info = new FileInfo(file);
        info.Refresh();
        var status = new FileStatus(0x8000, 0, info.Exists ? info.Length : 0, info.LastAccessTimeUtc.Ticks, info.LastWriteTimeUtc.Ticks);
        if (info.LinkTarget is not null)
        {
            return Describe(file, status, CacheEntryStatus.SymbolicLink, null, "is a symbolic link; not followed");
        }

        if (info.Name.Contains(CacheFile.TempMarker, StringComparison.Ordinal))
        {
            return Describe(file, status, CacheEntryStatus.TempFile, null, null);
        }

        if ((shardProblem ?? FileTrust.Check(file)) is { } untrusted)
        {
            return Describe(file, status, CacheEntryStatus.Untrusted, null, untrusted);
        }

        byte[] bytes;
        try
        {
            if (CacheFile.Read(file, out bytes) != CacheReadStatus.Read)
            {
                return Describe(file, status, CacheEntryStatus.Corrupt, null, "too large to be an entry");
            }
        }
        catch (CacheIOException e)
        {
            return Describe(file, status, CacheEntryStatus.Unreadable, null, e.Message);
        }

        var (entryStatus, source, problem) = Classify(Path.GetDirectoryName(Path.GetDirectoryName(file)!)!, file, bytes);
        return Describe(file, status, entryStatus, source, problem);
    }

    private static CacheEntryInfo Foreign(string path, string problem) => Describe(
        path,
        default,
        problem.Contains("symbolic link", StringComparison.Ordinal) ? CacheEntryStatus.SymbolicLink : CacheEntryStatus.NotRegularFile,
        null,
        problem.Contains("symbolic link", StringComparison.Ordinal) ? problem + "; not followed" : problem);

    private static CacheEntryStatus StatusOf(in FileStatus status) =>
        status.IsSymbolicLink ? CacheEntryStatus.SymbolicLink : CacheEntryStatus.NotRegularFile;

    private static string ProblemOf(in FileStatus status) =>
        status.IsSymbolicLink ? "is a symbolic link; not followed"
        : status.IsDirectory ? "is a directory, not an entry"
        : "is not a regular file";

    /// <summary>Why a file or directory cannot be trusted, judged with the owners the environment trusts.</summary>
    private static string? Untrusted(in FileStatus status) => FileTrust.Judge(status, OwnerTrust.FromEnvironment())?.Reason;

    /// <summary>The namespace a shard is in, or <see langword="null"/> for a shard directly in the cache dir.</summary>
    private static string? NamespaceOf(string root, string shardPath)
    {
        var parent = Path.GetDirectoryName(shardPath);
        return string.Equals(parent, root, StringComparison.Ordinal) ? null : Path.GetFileName(parent);
    }

    private static CacheEntryInfo Describe(string path, in FileStatus status, CacheEntryStatus entryStatus, string? sourcePath, string? problem) =>
        new(
            path,
            entryStatus,
            status.Size,
            new DateTime(Math.Max(status.AccessTicks, DateTime.UnixEpoch.Ticks), DateTimeKind.Utc),
            new DateTime(Math.Max(status.WriteTicks, DateTime.UnixEpoch.Ticks), DateTimeKind.Utc),
            sourcePath,
            problem);
}
