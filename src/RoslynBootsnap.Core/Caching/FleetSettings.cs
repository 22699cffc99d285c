using RoslynBootsnap.Caching.Remote;

namespace RoslynBootsnap.Caching;

/// <summary>What lets many hosts share one compile: the base directory that makes entries relocatable, and a remote tier.</summary>
internal sealed class FleetSettings
{
    public FleetSettings(PathBase pathBase, RemoteSettings? remote = null)
    {
        ArgumentNullException.ThrowIfNull(pathBase);
        Base = pathBase;
        Remote = remote;
    }

    /// <summary>No base directory and no remote tier: entries are keyed by full path, as they always were.</summary>
    public static FleetSettings None { get; } = new(PathBase.None);

    public PathBase Base { get; }

    public RemoteSettings? Remote { get; }

    /// <summary>
    /// The store a read-write cache uses: the files, behind the remote tier when there is one, which verifies what
    /// it takes with the files' own <paramref name="validator"/>.
    /// </summary>
    public IEntryStore Wrap(IEntryStore files, EntryValidator validator, CacheHeader environmentKey, Action<CacheEvent> raise) =>
        Remote is null ? files : new TieredEntryStore(files, validator, Remote, environmentKey, Base, raise);
}
