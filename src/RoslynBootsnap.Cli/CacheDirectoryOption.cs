namespace RoslynBootsnap.Cli;

/// <summary>The cache dir a command works on: <c>--cache-dir</c>, else the library's default.</summary>
internal static class CacheDirectoryOption
{
    /// <summary>The full path of the cache dir, after <see cref="WarnIfVariableBlank"/>.</summary>
    public static string Resolve(string? cacheDirectory)
    {
        WarnIfVariableBlank(cacheDirectory);
        return Path.GetFullPath(string.IsNullOrEmpty(cacheDirectory) ? ScriptCache.DefaultCacheDirectory : cacheDirectory);
    }

    /// <summary>
    /// When no <c>--cache-dir</c> is given and ROSLYN_BOOTSNAP_CACHE_DIR is set but blank, says so on stderr:
    /// the library then falls back to the default cache dir, which is probably not what was meant.
    /// </summary>
    public static void WarnIfVariableBlank(string? cacheDirectory)
    {
        if (string.IsNullOrEmpty(cacheDirectory)
            && ScriptEnvironment.CacheDirectory is { Length: > 0 } value
            && string.IsNullOrWhiteSpace(value))
        {
            Console.Error.WriteLine(
                $"roslyn-bootsnap: warning: {ScriptCache.CacheDirectoryVariable} is blank; using {Path.GetFullPath(ScriptCache.DefaultCacheDirectory)}");
        }
    }
}
