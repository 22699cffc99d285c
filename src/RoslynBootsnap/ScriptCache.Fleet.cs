using RoslynBootsnap.Caching;

namespace RoslynBootsnap;

/// <summary>The environment variables of a fleet's shared cache, and the settings the engine gets from them.</summary>
public static partial class ScriptCache
{
    /// <summary>The base directory of relocatable entries, when the options name none.</summary>
    public const string BaseDirectoryVariable = "ROSLYN_BOOTSNAP_BASE_DIR";

    /// <summary>The base directory the options name, else the environment's; <see langword="null"/> when neither does.</summary>
    internal static string? BaseDirectoryFor(ScriptCacheOptions options) =>
        options.BaseDirectory is { } named && !string.IsNullOrWhiteSpace(named)
            ? named
            : Environment.GetEnvironmentVariable(BaseDirectoryVariable) is { } variable && !string.IsNullOrWhiteSpace(variable) ? variable : null;

    internal static FleetSettings FleetFor(ScriptCacheOptions options) =>
        BaseDirectoryFor(options) is { } baseDirectory ? new FleetSettings(PathBase.For(baseDirectory)) : FleetSettings.None;
}
