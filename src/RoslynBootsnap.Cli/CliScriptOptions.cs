namespace RoslynBootsnap.Cli;

/// <summary>
/// The compile inputs every command uses. <c>run</c> and <c>precompile</c> must agree on them exactly, or
/// a precompiled entry would be stale for the run that follows.
/// </summary>
internal static class CliScriptOptions
{
    public static ScriptCacheOptions Create(string? cacheDirectory)
    {
        CacheDirectoryOption.WarnIfVariableBlank(cacheDirectory);
        return PackageArguments.Apply(FleetArguments.Apply(new ScriptCacheOptions
        {
            CacheDirectory = cacheDirectory,
            GlobalsType = typeof(ScriptGlobals),
        }));
    }
}
