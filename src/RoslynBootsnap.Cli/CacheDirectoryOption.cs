namespace RoslynBootsnap.Cli;

/// <summary>The cache dir a maintenance command works on: <c>--cache-dir</c>, else the library's default.</summary>
internal static class CacheDirectoryOption
{
    public static string Resolve(string? cacheDirectory) =>
        Path.GetFullPath(string.IsNullOrEmpty(cacheDirectory) ? ScriptCache.DefaultCacheDirectory : cacheDirectory);
}
