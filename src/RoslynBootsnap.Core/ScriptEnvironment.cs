using System.Collections;

namespace RoslynBootsnap;

/// <summary>
/// The one reader of the environment: every variable the library and the command line read is named here once,
/// and nothing else calls <see cref="Environment.GetEnvironmentVariable(string)"/> (an architecture test holds
/// this). Each property reads its variable when asked, never ahead of time, so a warm hit reads only what it
/// read before, and a variable set while the process runs is seen. Values come back as the environment holds
/// them; the rules for blank values stay with the callers, which name them in their own docs.
/// </summary>
internal static class ScriptEnvironment
{
    /// <summary>The cache dir when the options name none; blank counts as unset.</summary>
    public const string CacheDirectoryVariable = "ROSLYN_BOOTSNAP_CACHE_DIR";

    /// <summary><c>1</c>, <c>true</c> or <c>yes</c> makes the cache read-only when the options leave the mode open.</summary>
    public const string ReadOnlyVariable = "ROSLYN_BOOTSNAP_READONLY";

    /// <summary><c>1</c>, <c>true</c> or <c>yes</c> bypasses the cache when the options leave the mode open.</summary>
    public const string DisableVariable = "ROSLYN_BOOTSNAP_DISABLE";

    /// <summary>Comma-separated user ids trusted besides the current user and root, when the options name none.</summary>
    public const string TrustedOwnersVariable = "ROSLYN_BOOTSNAP_TRUSTED_OWNERS";

    /// <summary>The base directory of relocatable entries, when the options name none.</summary>
    public const string BaseDirectoryVariable = "ROSLYN_BOOTSNAP_BASE_DIR";

    /// <summary>The remote tier, <c>redis://host:port[,options]</c>, when the options name none.</summary>
    public const string RemoteVariable = "ROSLYN_BOOTSNAP_REMOTE";

    /// <summary>The key remote values are signed with, when the options name none.</summary>
    public const string RemoteKeyVariable = "ROSLYN_BOOTSNAP_REMOTE_KEY";

    /// <summary>A file holding the key remote values are signed with, when nothing before it gives one.</summary>
    public const string RemoteKeyFileVariable = "ROSLYN_BOOTSNAP_REMOTE_KEY_FILE";

    /// <summary><c>1</c>, <c>true</c> or <c>yes</c> only reads the remote tier, when the options leave it open.</summary>
    public const string RemoteReadOnlyVariable = "ROSLYN_BOOTSNAP_REMOTE_READONLY";

    /// <summary><c>1</c>, <c>true</c> or <c>yes</c> keeps the command line from using a compile server.</summary>
    public const string NoServerVariable = "ROSLYN_BOOTSNAP_NO_SERVER";

    /// <summary>The socket a server started by a cache listens on; the cache sets it for the program it starts.</summary>
    public const string ServerSocketVariable = "ROSLYN_BOOTSNAP_SERVER_SOCKET";

    /// <summary>The idle timeout, in seconds, of a server started by a cache; the cache sets it for the program it starts.</summary>
    public const string ServerIdleTimeoutVariable = "ROSLYN_BOOTSNAP_SERVER_IDLE_TIMEOUT";

    /// <summary>Seconds one compile through the server may take, from connect to its whole answer (the command line's).</summary>
    public const string ServerTimeoutVariable = "ROSLYN_BOOTSNAP_SERVER_TIMEOUT";

    /// <summary>
    /// The options of the client that started a server, as that client would send them in a request (base64); the
    /// client sets it for the server it starts, and the server takes it out of its environment when it reads it.
    /// </summary>
    public const string ServerWarmUpVariable = "ROSLYN_BOOTSNAP_SERVER_WARM_UP";

    /// <summary>The <c>dotnet</c> host a package restore runs with; when set, no other is looked for.</summary>
    public const string DotnetVariable = "ROSLYN_BOOTSNAP_DOTNET";

    /// <summary>The <c>dotnet</c> host that started this process, as the SDK sets it for the tools it runs.</summary>
    public const string DotnetHostPathVariable = "DOTNET_HOST_PATH";

    /// <summary>The directory of a <c>dotnet</c> install.</summary>
    public const string DotnetRootVariable = "DOTNET_ROOT";

    /// <summary>The directories searched for commands, the last place a <c>dotnet</c> host is looked for.</summary>
    public const string SearchPathVariable = "PATH";

    /// <summary>The XDG base directory of user cache files: the default cache dir is <c>roslyn-bootsnap</c> in it.</summary>
    public const string XdgCacheHomeVariable = "XDG_CACHE_HOME";

    /// <summary>The XDG per-user runtime directory: the compile server's socket dir is <c>roslyn-bootsnap</c> in it.</summary>
    public const string XdgRuntimeDirectoryVariable = "XDG_RUNTIME_DIR";

    /// <summary>The value of <see cref="CacheDirectoryVariable"/>.</summary>
    public static string? CacheDirectory => Read(CacheDirectoryVariable);

    /// <summary>Whether <see cref="ReadOnlyVariable"/> is set on.</summary>
    public static bool ReadOnly => Flag(ReadOnlyVariable);

    /// <summary>Whether <see cref="DisableVariable"/> is set on.</summary>
    public static bool Disable => Flag(DisableVariable);

    /// <summary>The value of <see cref="TrustedOwnersVariable"/>.</summary>
    public static string? TrustedOwners => Read(TrustedOwnersVariable);

    /// <summary>The value of <see cref="BaseDirectoryVariable"/>.</summary>
    public static string? BaseDirectory => Read(BaseDirectoryVariable);

    /// <summary>The value of <see cref="RemoteVariable"/>.</summary>
    public static string? Remote => Read(RemoteVariable);

    /// <summary>The value of <see cref="RemoteKeyVariable"/>.</summary>
    public static string? RemoteKey => Read(RemoteKeyVariable);

    /// <summary>The value of <see cref="RemoteKeyFileVariable"/>.</summary>
    public static string? RemoteKeyFile => Read(RemoteKeyFileVariable);

    /// <summary>Whether <see cref="RemoteReadOnlyVariable"/> is set on.</summary>
    public static bool RemoteReadOnly => Flag(RemoteReadOnlyVariable);

    /// <summary>Whether <see cref="NoServerVariable"/> is set on.</summary>
    public static bool NoServer => Flag(NoServerVariable);

    /// <summary>The value of <see cref="ServerSocketVariable"/>.</summary>
    public static string? ServerSocket => Read(ServerSocketVariable);

    /// <summary>The value of <see cref="ServerIdleTimeoutVariable"/>, unparsed: the command line names a bad one.</summary>
    public static string? ServerIdleTimeout => Read(ServerIdleTimeoutVariable);

    /// <summary>The value of <see cref="ServerTimeoutVariable"/>, unparsed: the command line names a bad one.</summary>
    public static string? ServerTimeout => Read(ServerTimeoutVariable);

    /// <summary>The value of <see cref="DotnetVariable"/>.</summary>
    public static string? Dotnet => Read(DotnetVariable);

    /// <summary>The value of <see cref="DotnetHostPathVariable"/>.</summary>
    public static string? DotnetHostPath => Read(DotnetHostPathVariable);

    /// <summary>The value of <see cref="DotnetRootVariable"/>.</summary>
    public static string? DotnetRoot => Read(DotnetRootVariable);

    /// <summary>The value of <see cref="SearchPathVariable"/>.</summary>
    public static string? SearchPath => Read(SearchPathVariable);

    /// <summary>The value of <see cref="XdgCacheHomeVariable"/>.</summary>
    public static string? XdgCacheHome => Read(XdgCacheHomeVariable);

    /// <summary>The value of <see cref="XdgRuntimeDirectoryVariable"/>.</summary>
    public static string? XdgRuntimeDirectory => Read(XdgRuntimeDirectoryVariable);

    /// <summary>The user's home directory, as .NET finds it (<c>HOME</c>, else the password database).</summary>
    public static string HomeDirectory => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>The shared temp dir, as .NET finds it (<c>TMPDIR</c>, else <c>/tmp</c>).</summary>
    public static string TempDirectory => Path.GetTempPath();

    /// <summary>
    /// The value of <see cref="ServerWarmUpVariable"/>, removed from this process's environment as it is read:
    /// it may hold the remote tier's key, and no child of the server (a package restore, say) inherits it.
    /// </summary>
    public static string? TakeServerWarmUp()
    {
        var value = Read(ServerWarmUpVariable);
        Environment.SetEnvironmentVariable(ServerWarmUpVariable, null);
        return value;
    }

    /// <summary>Every variable of this process, for the code that passes an allowed few on to a child.</summary>
    public static IReadOnlyDictionary<string, string> Snapshot()
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && variable.Value is string value)
            {
                snapshot[name] = value;
            }
        }

        return snapshot;
    }

    /// <summary>Whether a flag's value turns it on: <c>1</c>, <c>true</c> or <c>yes</c>, case aside.</summary>
    public static bool IsOn(string? value) =>
        value is not null
        && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));

    private static bool Flag(string variable) => IsOn(Read(variable));

    private static string? Read(string variable) => Environment.GetEnvironmentVariable(variable);
}
