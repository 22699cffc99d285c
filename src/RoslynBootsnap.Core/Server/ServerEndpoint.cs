using System.Globalization;
using System.Reflection;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Server;

/// <summary>Where a user's compile server listens, and the version it serves.</summary>
internal static class ServerEndpoint
{
    private static string? _identity;

    /// <summary>
    /// The library's version, its build (module version id) and the runtime's version. The socket's name carries
    /// its hash, so a client finds only a server of its own version, and the handshake compares it whole.
    /// </summary>
    public static string Identity => _identity ??=
        LibraryVersion + "|" + CacheEnvironment.ModuleVersionText(typeof(ServerEndpoint).Module.ModuleVersionId) + "|" + Environment.Version;

    private static string LibraryVersion
    {
        get
        {
            var version = typeof(ServerEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    public static string GetSocketPath(string cacheDirectory)
    {
        var runtime = ScriptEnvironment.XdgRuntimeDirectory;
        var directory = !string.IsNullOrEmpty(runtime) && Path.IsPathFullyQualified(runtime)
            ? Path.Join(runtime, "roslyn-bootsnap")
            : Path.Join(Path.GetFullPath(cacheDirectory), ".server");
        return InDirectory(directory);
    }

    /// <summary>The socket of this version's server in a directory.</summary>
    public static string InDirectory(string directory)
    {
        var hash = Fnv1a64.Hash(System.Text.Encoding.UTF8.GetBytes(Identity));
        return Path.Join(directory, LibraryVersion + "-" + (hash >> 16).ToString("x12", CultureInfo.InvariantCulture) + ".sock");
    }

    /// <summary>The lock a server holds while it lives, so that only one serves a socket.</summary>
    public static string GetLockPath(string socketPath) => socketPath + ".lock";
}
