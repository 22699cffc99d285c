using System.Runtime.CompilerServices;
using System.Text;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Caching.Remote;
using RoslynBootsnap.Composition;

namespace RoslynBootsnap;

/// <summary>The environment variables of a fleet's shared cache, and the settings the engine gets from them.</summary>
public static partial class ScriptCache
{
    /// <summary>The base directory of relocatable entries, when the options name none.</summary>
    public const string BaseDirectoryVariable = ScriptEnvironment.BaseDirectoryVariable;

    /// <summary>The remote tier, <c>redis://host:port[,options]</c>, when the options name none.</summary>
    public const string RemoteVariable = ScriptEnvironment.RemoteVariable;

    /// <summary>The key remote values are signed with, when the options name none.</summary>
    public const string RemoteKeyVariable = ScriptEnvironment.RemoteKeyVariable;

    /// <summary>A file holding the key remote values are signed with, when neither the options nor <see cref="RemoteKeyVariable"/> give one.</summary>
    public const string RemoteKeyFileVariable = ScriptEnvironment.RemoteKeyFileVariable;

    /// <summary>Set to <c>1</c> (or <c>true</c>) to only read the remote tier, when the options leave it open.</summary>
    public const string RemoteReadOnlyVariable = ScriptEnvironment.RemoteReadOnlyVariable;

    /// <summary>The shortest signing key accepted, in bytes.</summary>
    internal const int MinimumRemoteKeyLength = 16;

    private static readonly ConditionalWeakTable<ScriptCacheOptions, FleetSettings> Fleets = [];

    /// <summary>The base directory the options name, else the environment's; <see langword="null"/> when neither does.</summary>
    internal static string? BaseDirectoryFor(ScriptCacheOptions options) => NonBlank(options.Fleet.BaseDirectory) ?? NonBlank(ScriptEnvironment.BaseDirectory);

    /// <summary>The remote the options name, else the environment's; <see langword="null"/> when neither does.</summary>
    internal static string? RemoteFor(ScriptCacheOptions options) => NonBlank(options.Fleet.Remote) ?? NonBlank(ScriptEnvironment.Remote);

    /// <summary>
    /// The signing key, from the options, their key file, the environment or the file it names; <see langword="null"/>
    /// with the reason when there is none or it is too short.
    /// </summary>
    internal static byte[]? RemoteKeyFor(ScriptCacheOptions options, out string? problem)
    {
        problem = null;
        byte[]? key;
        string source;
        if (options.Fleet.RemoteKey is { } named)
        {
            (key, source) = (Encoding.UTF8.GetBytes(named), "ScriptCacheOptions.Fleet.RemoteKey");
        }
        else if (options.Fleet.RemoteKeyFile is { } file && !string.IsNullOrWhiteSpace(file))
        {
            (key, source) = (RemoteKeyFile.Read(file, out problem), file);
        }
        else if (NonBlank(ScriptEnvironment.RemoteKey) is { } variable)
        {
            (key, source) = (Encoding.UTF8.GetBytes(variable), RemoteKeyVariable);
        }
        else if (NonBlank(ScriptEnvironment.RemoteKeyFile) is { } variableFile)
        {
            (key, source) = (RemoteKeyFile.Read(variableFile, out problem), variableFile);
        }
        else
        {
            problem = $"No signing key is configured (ScriptCacheOptions.Fleet.RemoteKey, {RemoteKeyVariable} or {RemoteKeyFileVariable}), so the remote tier is off: every script compiles locally.";
            return null;
        }

        if (key is not null && key.Length < MinimumRemoteKeyLength)
        {
            problem = $"The signing key from {source} is {key.Length} bytes; at least {MinimumRemoteKeyLength} are needed, so the remote tier is off.";
            return null;
        }

        return key;
    }

    /// <summary>
    /// The options' base directory and no remote tier, whatever the options or the environment name: for a cache
    /// that compiles and writes local entries for a caller that holds the remote tier itself (the compile server).
    /// </summary>
    internal static FleetSettings LocalFleetFor(ScriptCacheOptions options) => new(PathBase.For(BaseDirectoryFor(options)));

    internal static FleetSettings FleetFor(ScriptCacheOptions options)
    {
        options.Freeze();
        if (!Fleets.TryGetValue(options, out var fleet))
        {
            fleet = CreateFleet(options, RemoteFor(options), ScriptParts.OpenRemote);
            Fleets.AddOrUpdate(options, fleet);
        }

        return fleet;
    }

    /// <summary>
    /// The options' base directory and the remote tier <paramref name="remote"/> names, opened by
    /// <paramref name="open"/> on first use; no remote tier when <paramref name="remote"/> is <see langword="null"/>.
    /// </summary>
    internal static FleetSettings CreateFleet(ScriptCacheOptions options, string? remote, Func<string, IRemoteStore> open)
    {
        var pathBase = PathBase.For(BaseDirectoryFor(options));
        if (remote is null)
        {
            return pathBase == PathBase.None ? FleetSettings.None : new FleetSettings(pathBase);
        }

        var key = RemoteKeyFor(options, out var problem);
        var readOnly = options.Fleet.RemoteReadOnly ?? ScriptEnvironment.RemoteReadOnly;
        // Messages name the server only: the options after it may hold a password.
        var description = remote.Split(',')[0].Trim();
        var connection = RemoteOptions.Split(remote, out var lockWait);
        return new FleetSettings(pathBase, new RemoteSettings(description, () => open(connection), key, problem, readOnly)
        {
            LockWait = lockWait ?? RemoteSettings.DefaultLockWait,
        });
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
