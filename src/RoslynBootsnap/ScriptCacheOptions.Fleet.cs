namespace RoslynBootsnap;

/// <summary>The options that let a fleet of hosts share compiles: a relocatable base directory.</summary>
public sealed partial record ScriptCacheOptions
{
    /// <summary>
    /// The base directory that makes entries relocatable, as ccache's <c>base_dir</c>: a script under it is keyed
    /// by its path relative to it and its dependencies under it are recorded relatively, so a cache built at
    /// <c>/build/app</c> serves the same tree copied to <c>/srv/app</c>. Files outside it stay absolute.
    /// <see langword="null"/> (the default) reads <c>ROSLYN_BOOTSNAP_BASE_DIR</c>; unset or blank means none,
    /// and entries are keyed by full path. Not part of any key.
    /// </summary>
    public string? BaseDirectory { get; init; }
}
