using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Caching;

/// <summary>
/// Removes the temp files that writers killed mid-write left in a shard. Every writer sweeps the shard it
/// just wrote to, so a crash does not leave garbage behind until somebody runs <c>clean</c>.
/// </summary>
internal static class AbandonedTempFiles
{
    /// <summary>
    /// How old a temp file must be before a writer removes it. A live writer fills its temp file in well under a
    /// second and then renames it away, so a few minutes without a write means its writer is gone.
    /// </summary>
    public static readonly TimeSpan WriterSweepAge = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Removes the temp files in <paramref name="shardDirectory"/> last written before
    /// <paramref name="nowUtc"/> less <see cref="WriterSweepAge"/>; answers how many. Best effort: a failure
    /// leaves them for the next writer or for <c>clean</c>, and never fails the write that triggered it.
    /// </summary>
    public static int Sweep(string shardDirectory, DateTime nowUtc)
    {
        if (!DirectoryHandle.IsSupported)
        {
            return 0;
        }

        var removed = 0;
        try
        {
            using var shard = DirectoryHandle.OpenOrNull(shardDirectory, out _);
            if (shard is null || !FileTrust.IsOwnedByCurrentUserOrRoot(shard.Status))
            {
                return 0;
            }

            var cutoff = (nowUtc - WriterSweepAge).Ticks;
            foreach (var name in shard.ReadNames())
            {
                if (name.Contains(CacheFile.TempMarker, StringComparison.Ordinal)
                    && shard.TryGetStatus(name, out var status)
                    && status.IsRegularFile
                    && status.WriteTicks < cutoff)
                {
                    shard.Unlink(name);
                    removed++;
                }
            }
        }
        catch (Exception e) when (FileFault.IsFileError(e) || e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Garbage left for later is no reason to fail a write.
        }

        return removed;
    }
}
