using RoslynBootsnap.Caching;
using RoslynBootsnap.Diagnostics;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Composition;

/// <summary>What <see cref="ScriptCacheBuilder"/> composes an engine from besides its cache dir and handler; each default is the plain local cache's.</summary>
internal sealed class EngineSettings
{
    public static EngineSettings Default { get; } = new();

    public Action<CacheEvent>? OnEvent { get; init; }

    public CacheMode Mode { get; init; } = CacheMode.ReadWrite;

    public ValidationMode Validation { get; init; } = ValidationMode.Full;

    public uint SchemaVersion { get; init; } = CacheHeader.CurrentVersion;

    public OwnerTrust? TrustedOwners { get; init; }

    public CacheMeter? Meter { get; init; }

    public CacheCounts? Counts { get; init; }

    /// <summary>The base directory and remote tier; none when <see langword="null"/>.</summary>
    public FleetSettings? Fleet { get; init; }

    /// <summary>How a miss compiles; in process when <see langword="null"/>.</summary>
    public ICompileStrategy? Compile { get; init; }

    public TimeSpan? RefreshInterval { get; init; }
}
