using RoslynBootsnap;

namespace BakedHost;

/// <summary>
/// Where the baked scripts and their cache live, and the options both sides use: the bake step that compiles
/// them at publish time and the host that runs them. The options are part of every entry's key, so the two
/// must agree, which is why they are written once, here.
/// </summary>
internal static class BakedScripts
{
    /// <summary>The scripts' folder, below the app's own.</summary>
    public const string ScriptFolder = "scripts";

    /// <summary>The cache's folder, below the app's own.</summary>
    public const string CacheFolder = "script-cache";

    /// <summary>
    /// The options for an app folder. The base dir makes entries relocatable: the published folder can be
    /// copied or mounted anywhere and its entries still hit.
    /// </summary>
    public static ScriptCacheOptions Options(string appDirectory, CacheMode mode) => new()
    {
        CacheDirectory = Path.Join(appDirectory, CacheFolder),
        Fleet = { BaseDirectory = appDirectory },
        Mode = mode,
    };

    /// <summary>The scripts in an app folder, in a stable order.</summary>
    public static string[] In(string appDirectory) =>
        [.. Directory.GetFiles(Path.Join(appDirectory, ScriptFolder), "*.csx").Order(StringComparer.Ordinal)];
}
