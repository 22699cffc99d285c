namespace RoslynBootsnap.Caching;

/// <summary>What lets many hosts share one compile: the base directory that makes entries relocatable.</summary>
internal sealed class FleetSettings
{
    public FleetSettings(PathBase pathBase)
    {
        ArgumentNullException.ThrowIfNull(pathBase);
        Base = pathBase;
    }

    /// <summary>No base directory and no remote tier: entries are keyed by full path, as they always were.</summary>
    public static FleetSettings None { get; } = new(PathBase.None);

    public PathBase Base { get; }
}
