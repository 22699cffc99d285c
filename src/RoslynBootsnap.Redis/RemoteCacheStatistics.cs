using RoslynBootsnap.Caching.Remote;

namespace RoslynBootsnap;

/// <summary>
/// What a remote tier holds, for the command line's <c>stats --remote</c>: the entries this library wrote, and the
/// lookups that hosts which write to it counted there (read-only hosts count nothing). The counts are fleet-wide
/// since the server started or the counters were last removed; a process's own counts are its events and meters.
/// </summary>
public sealed class RemoteCacheStatistics
{
    private RemoteCacheStatistics(long entries, long bytes, long hits, long misses)
    {
        Entries = entries;
        Bytes = bytes;
        Hits = hits;
        Misses = misses;
    }

    /// <summary>The entries in the store.</summary>
    public long Entries { get; }

    /// <summary>The bytes of their values.</summary>
    public long Bytes { get; }

    /// <summary>Local misses the store served.</summary>
    public long Hits { get; }

    /// <summary>Local misses the store could not serve.</summary>
    public long Misses { get; }

    /// <summary>Reads the figures of the remote tier at <paramref name="remote"/> (<c>redis://host:port[,options]</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="remote"/> is blank.</exception>
    /// <exception cref="IOException">The store cannot be reached or read within its bounds.</exception>
    public static RemoteCacheStatistics Read(string remote) => Read(remote, null);

    /// <summary>
    /// Reads the figures of the remote tier at <paramref name="remote"/>, reporting the entries counted so far to
    /// <paramref name="progress"/> as the walk over the store's keys goes on (a store holds hundreds of thousands).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="remote"/> is blank.</exception>
    /// <exception cref="IOException">The store cannot be reached or read within its bounds.</exception>
    public static RemoteCacheStatistics Read(string remote, IProgress<long>? progress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(remote);
        var (entries, bytes, hits, misses) = RedisRemoteStore.For(remote).ReadStatistics(progress is null ? null : progress.Report);
        return new RemoteCacheStatistics(entries, bytes, hits, misses);
    }
}
