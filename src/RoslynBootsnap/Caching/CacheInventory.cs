namespace RoslynBootsnap.Caching;

/// <summary>
/// Walks a cache dir and classifies every file in it, for <c>stats</c>, <c>clean</c> and <c>verify</c>. Only
/// files in the <c>xx/</c> shard layout are considered; anything else in the directory is not ours.
/// </summary>
internal static class CacheInventory
{
    /// <summary>How long a temp file may live before it counts as left behind by a dead writer.</summary>
    public static readonly TimeSpan AbandonedTempFileAge = TimeSpan.FromHours(1);

    public static IEnumerable<CacheEntryInfo> Scan(string cacheDirectory)
    {
        var root = CachePath.NormalizeCacheDirectory(cacheDirectory);
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var shard in Directory.EnumerateDirectories(root).Where(IsShard).Order(StringComparer.Ordinal))
        {
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
                yield return Inspect(root, file, shardUntrusted);
            }
        }
    }

    /// <summary>Classifies one file under the cache dir.</summary>
    public static CacheEntryInfo Inspect(string cacheDirectory, string file, string? shardProblem = null)
    {
        // Times first: reading the file below must not count as a use of the entry.
        var info = new FileInfo(file);
        info.Refresh();
        var name = info.Name;
        if (name.Contains(CacheFile.TempMarker, StringComparison.Ordinal))
        {
            return Describe(info, CacheEntryStatus.TempFile, null, null);
        }

        var untrusted = shardProblem ?? FileTrust.Check(file);
        if (untrusted is not null)
        {
            return Describe(info, CacheEntryStatus.Untrusted, null, untrusted);
        }

        byte[] bytes;
        try
        {
            if (CacheFile.TryRead(file, out bytes) != CacheReadStatus.Read)
            {
                return Describe(info, CacheEntryStatus.Corrupt, null, "too large to be an entry");
            }
        }
        catch (CacheIOException e)
        {
            return Describe(info, CacheEntryStatus.Unreadable, null, e.Message);
        }
        finally
        {
            KeepAccessTime(info);
        }

        if (bytes.Length < CacheHeader.Size)
        {
            return Describe(info, CacheEntryStatus.Corrupt, null, "shorter than a header");
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
            return Describe(info, CacheEntryStatus.Corrupt, null, problem);
        }

        if (!File.Exists(manifest.SourcePath))
        {
            return Describe(info, CacheEntryStatus.Orphaned, manifest.SourcePath, "script no longer exists");
        }

        if (!string.Equals(CachePath.GetEntryPath(cacheDirectory, manifest.SourcePath), file, StringComparison.Ordinal))
        {
            return Describe(info, CacheEntryStatus.Orphaned, manifest.SourcePath, "entry is not at its script's path");
        }

        return Describe(info, CacheEntryStatus.Valid, manifest.SourcePath, null);
    }

    /// <summary>Puts back the access time the kernel may have moved on read (relatime), best effort.</summary>
    private static void KeepAccessTime(FileInfo info)
    {
        try
        {
            if (File.GetLastAccessTimeUtc(info.FullName) != info.LastAccessTimeUtc)
            {
                File.SetLastAccessTimeUtc(info.FullName, info.LastAccessTimeUtc);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to touch: the order of eviction is advisory.
        }
    }

    private static bool IsShard(string directory)
    {
        var name = Path.GetFileName(directory);
        return name.Length == 2 && name.All(char.IsAsciiHexDigitLower);
    }

    private static CacheEntryInfo Describe(FileInfo info, CacheEntryStatus status, string? sourcePath, string? problem) =>
        new(info.FullName, status, info.Exists ? info.Length : 0, info.LastAccessTimeUtc, info.LastWriteTimeUtc, sourcePath, problem);
}
