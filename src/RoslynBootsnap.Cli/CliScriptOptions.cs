namespace RoslynBootsnap.Cli;

/// <summary>
/// The compile inputs every command uses. <c>run</c> and <c>precompile</c> must agree on them exactly, or
/// a precompiled entry would be stale for the run that follows.
/// </summary>
internal static class CliScriptOptions
{
    /// <summary>
    /// The script options with what the command line named; what it left out stays to the environment.
    /// </summary>
    public static ScriptCacheOptions Create(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CacheDirectoryOption.WarnIfVariableBlank(settings.CacheDirectory);
        var options = new ScriptCacheOptions
        {
            CacheDirectory = settings.CacheDirectory,
            GlobalsType = typeof(ScriptGlobals),
        };
        options.Fleet.BaseDirectory = settings.BaseDirectory ?? options.Fleet.BaseDirectory;
        options.Fleet.Remote = settings.Remote ?? options.Fleet.Remote;
        options.Fleet.RemoteKeyFile = settings.RemoteKeyFile ?? options.Fleet.RemoteKeyFile;
        options.Fleet.RemoteReadOnly = settings.RemoteReadOnly ? true : options.Fleet.RemoteReadOnly;
        if (settings.Refresh is { } refresh)
        {
            options.Packages.RefreshInterval = refresh;
        }

        WarnIfUnsigned(options);
        return options;
    }

    /// <summary>A remote without a signing key is no remote tier: say so on stderr, not only in events.</summary>
    private static void WarnIfUnsigned(ScriptCacheOptions options)
    {
        var remote = options.Fleet.Remote ?? ScriptEnvironment.Remote;
        if (string.IsNullOrWhiteSpace(remote)
            || options.Fleet.RemoteKey is not null
            || !string.IsNullOrWhiteSpace(options.Fleet.RemoteKeyFile)
            || !string.IsNullOrWhiteSpace(ScriptEnvironment.RemoteKey)
            || !string.IsNullOrWhiteSpace(ScriptEnvironment.RemoteKeyFile))
        {
            return;
        }

        Console.Error.WriteLine(
            $"roslyn-bootsnap: warning: the remote {remote.Split(',')[0]} is not used: no signing key ({ScriptCache.RemoteKeyVariable}, {ScriptCache.RemoteKeyFileVariable} or --remote-key-file)");
    }
}
