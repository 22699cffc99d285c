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

        var shardPath = Path.GetDirectoryName(file);
        if (shardPath is null || !string.Equals(Path.GetDirectoryName(shardPath), root, StringComparison.Ordinal))
        {
            return Describe(file, default, CacheEntryStatus.NotRegularFile, null, "is not in a shard of the cache dir");
        }

        using var rootHandle = DirectoryHandle.TryOpen(root, out var rootProblem);
        using var shard = rootHandle?.TryOpenDirectory(Path.GetFileName(shardPath), out rootProblem);
        if (shard is null)
        {
            return Describe(shardPath, default, CacheEntryStatus.SymbolicLink, null, rootProblem ?? "does not exist");
        }

        return Inspect(root, shard, Path.GetFileName(file), FileTrust.Judge(shard.Status))
            ?? Describe(file, default, CacheEntryStatus.Unreadable, null, "does not exist");
    }

    private static IEnumerable<CacheEntryInfo> ScanWithoutFollowing(string root)
    {
        using var rootHandle = DirectoryHandle.TryOpen(root, out var rootProblem);
        if (rootHandle is null)
        {
            if (rootProblem is not null)
            {
                yield return Foreign(root, rootProblem);
            }

            yield break;
        }

        foreach (var name in rootHandle.ReadNames().Where(IsShardName).Order(StringComparer.Ordinal))
        {
            var shardPath = Path.Join(root, name);
            if (!rootHandle.TryGetStatus(name, out var status) || status.IsRegularFile)
            {
                // Gone already, or a plain file that only looks like a shard: not ours.
                continue;
            }

            if (!status.IsDirectory)
            {
                yield return Describe(shardPath, status, StatusOf(status), null, ProblemOf(status));
                continue;
            }

            // A shard swapped for a link after the look above is refused here, by O_NOFOLLOW.
            using var shard = rootHandle.TryOpenDirectory(name, out var shardProblem);
            if (shard is null)
            {
                if (shardProblem is not null)
                {
                    yield return Foreign(shardPath, shardProblem);
                }

                continue;
            }

            var untrusted = FileTrust.Judge(shard.Status);
            foreach (var file in shard.ReadNames().Order(StringComparer.Ordinal))
            {
                if (Inspect(root, shard, file, untrusted) is { } info)
                {
                    yield return info;
                }
            }
        }
    }

    /// <summary>Classifies one file of an open shard; <see langword="null"/> when it is gone.</summary>
    private static CacheEntryInfo? Inspect(string root, DirectoryHandle shard, string name, string? shardProblem)
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

        if ((shardProblem ?? FileTrust.Judge(status)) is { } untrusted)
        {
            return Describe(path, status, CacheEntryStatus.Untrusted, null, untrusted);
        }

        using var handle = shard.TryOpenFile(name, out var opened, out var openProblem);
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

        var (entryStatus, source, problem) = Classify(root, path, bytes);
        return Describe(path, opened, entryStatus, source, problem);
    }

    /// <summary>What an entry's bytes say about it: well formed or not, and whether its script is still there.</summary>
    private static (CacheEntryStatus Status, string? SourcePath, string? Problem) Classify(string root, string path, byte[] bytes)
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
                "data-size" => "data size does not match the file",
                "checksum" => "payload checksum does not match",
                _ => "manifest does not match its header",
            };
            return (CacheEntryStatus.Corrupt, null, problem);
        }

        if (!File.Exists(manifest.SourcePath))
        {
            return (CacheEntryStatus.Orphaned, manifest.SourcePath, "script no longer exists");
        }

        if (!string.Equals(CachePath.GetEntryPath(root, manifest.SourcePath), path, StringComparison.Ordinal))
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

        foreach (var shard in Directory.EnumerateDirectories(root).Where(d => IsShardName(Path.GetFileName(d))).Order(StringComparer.Ordinal))
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
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                files = [];
            }

            foreach (var file in files)
            {
                yield return InspectByPath(root, file, shardUntrusted);
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
            if (CacheFile.TryRead(file, out bytes) != CacheReadStatus.Read)
            {
                return Describe(file, status, CacheEntryStatus.Corrupt, null, "too large to be an entry");
            }
        }
        catch (CacheIOException e)
        {
            return Describe(file, status, CacheEntryStatus.Unreadable, null, e.Message);
        }

        var (entryStatus, source, problem) = Classify(root, file, bytes);
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

    private static bool IsShardName(string name) => name.Length == 2 && name.All(char.IsAsciiHexDigitLower);

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
