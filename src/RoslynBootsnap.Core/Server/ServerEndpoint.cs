using System.Globalization;
using System.Reflection;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Server;

/// <summary>Where a user's compile server listens, and the version it serves.</summary>
internal static class ServerEndpoint
{
    /// <summary>Any permission bit of group or others: the socket's dir is 0700, nothing else.</summary>
    private const uint GroupOrOtherAny = 0x3F;

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

    /// <summary>
    /// The user's socket: one server serves every cache dir its user uses, since each request names its own.
    /// The directory is found the same way every time: <c>$XDG_RUNTIME_DIR/roslyn-bootsnap</c>, else
    /// <c>roslyn-bootsnap-&lt;uid&gt;</c> in the temp dir, which another user may have made first: it is judged
    /// (<see cref="OpenDirectoryOrNull"/>) before it is used.
    /// </summary>
    public static string GetSocketPath() => InDirectory(RuntimeDirectory);

    /// <summary>The directory of the user's socket (see <see cref="GetSocketPath"/>).</summary>
    public static string RuntimeDirectory
    {
        get
        {
            var runtime = ScriptEnvironment.XdgRuntimeDirectory;
            return !string.IsNullOrEmpty(runtime) && Path.IsPathFullyQualified(runtime)
                ? Path.Join(runtime, "roslyn-bootsnap")
                : Path.Join(Path.GetFullPath(ScriptEnvironment.TempDirectory), "roslyn-bootsnap-" + Libc.geteuid().ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Opens the socket's directory, first creating it when <paramref name="create"/>, and judges it on the handle:
    /// the private directory's rules, and owned by this very user with no bit for group or others (0700). Root's
    /// own dir is no place for another user's socket; a dir another user made first in the shared temp dir is refused.
    /// <see langword="null"/> with <paramref name="problem"/> when refused, with <paramref name="problem"/>
    /// <see langword="null"/> when it does not exist.
    /// </summary>
    /// <exception cref="CacheIOException">It cannot be created.</exception>
    public static DirectoryHandle? OpenDirectoryOrNull(string path, bool create, out string? problem)
    {
        var directory = PrivateDirectory.OpenOrNull(path, create, out problem);
        if (directory is null)
        {
            return null;
        }

        var status = directory.Status;
        var user = Libc.geteuid();
        if (status.Owner != user)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"is owned by user {status.Owner}, not by the current user ({user})");
        }
        else if ((status.Mode & GroupOrOtherAny) != 0)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"is mode {Convert.ToString(status.Mode & 0xFFF, 8)}, not 700");
        }
        else
        {
            return directory;
        }

        directory.Dispose();
        return null;
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
