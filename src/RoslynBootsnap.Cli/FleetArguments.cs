using System.CommandLine;

namespace RoslynBootsnap.Cli;

/// <summary>
/// <c>--base-dir</c>, <c>--remote</c>, <c>--remote-key-file</c> and <c>--remote-readonly</c>: options of every
/// command, read once from the parse and applied where the script options are made, so that <c>run</c> and
/// <c>precompile</c> agree on them. The run shortcut reads the environment instead, as the library does.
/// </summary>
internal static class FleetArguments
{
    public static readonly Option<string?> BaseDirectory = new("--base-dir")
    {
        Description = "Key scripts under this directory by their relative path, so the cache can move with them (default: $ROSLYN_BOOTSNAP_BASE_DIR).",
        Recursive = true,
    };

    public static readonly Option<string?> Remote = new("--remote")
    {
        Description = "A remote tier shared by many hosts, redis://host:port[,options] (default: $ROSLYN_BOOTSNAP_REMOTE). Needs a signing key.",
        Recursive = true,
    };

    public static readonly Option<string?> RemoteKeyFile = new("--remote-key-file")
    {
        Description = "A file holding the key remote entries are signed with (default: $ROSLYN_BOOTSNAP_REMOTE_KEY, else $ROSLYN_BOOTSNAP_REMOTE_KEY_FILE).",
        Recursive = true,
    };

    public static readonly Option<bool> RemoteReadOnly = new("--remote-readonly")
    {
        Description = "Read the remote tier, never write to it (default: $ROSLYN_BOOTSNAP_REMOTE_READONLY).",
        Recursive = true,
    };

    private static string? _baseDirectory;
    private static string? _remote;
    private static string? _remoteKeyFile;
    private static bool _remoteReadOnly;

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(BaseDirectory);
        root.Options.Add(Remote);
        root.Options.Add(RemoteKeyFile);
        root.Options.Add(RemoteReadOnly);
    }

    public static void Read(ParseResult parsed)
    {
        _baseDirectory = parsed.GetValue(BaseDirectory);
        _remote = parsed.GetValue(Remote);
        _remoteKeyFile = parsed.GetValue(RemoteKeyFile);
        _remoteReadOnly = parsed.GetValue(RemoteReadOnly);
    }

    /// <summary>The options with what the command line named; what it left out stays to the environment.</summary>
    public static ScriptCacheOptions Apply(ScriptCacheOptions options)
    {
        var applied = options with
        {
            BaseDirectory = _baseDirectory ?? options.BaseDirectory,
            Remote = _remote ?? options.Remote,
            RemoteKeyFile = _remoteKeyFile ?? options.RemoteKeyFile,
            RemoteReadOnly = _remoteReadOnly ? true : options.RemoteReadOnly,
        };
        WarnIfUnsigned(applied);
        return applied;
    }

    /// <summary>A remote without a signing key is no remote tier: say so on stderr, not only in events.</summary>
    private static void WarnIfUnsigned(ScriptCacheOptions options)
    {
        var remote = options.Remote ?? Environment.GetEnvironmentVariable(ScriptCache.RemoteVariable);
        if (string.IsNullOrWhiteSpace(remote)
            || options.RemoteKey is not null
            || !string.IsNullOrWhiteSpace(options.RemoteKeyFile)
            || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ScriptCache.RemoteKeyVariable))
            || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ScriptCache.RemoteKeyFileVariable)))
        {
            return;
        }

        Console.Error.WriteLine(
            $"roslyn-bootsnap: warning: the remote {remote.Split(',')[0]} is not used: no signing key ({ScriptCache.RemoteKeyVariable}, {ScriptCache.RemoteKeyFileVariable} or --remote-key-file)");
    }
}
