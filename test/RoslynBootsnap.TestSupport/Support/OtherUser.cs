using System.Runtime.Versioning;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// Acts as another local user (uid/gid 65534, through setpriv), as an attacker sharing a cache dir would:
/// root ignores permission bits, so only a real second user proves what that user can and cannot do.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class OtherUser
{
    /// <summary>Runs a shell command as uid/gid 65534 and asserts that it worked.</summary>
    public static void Shell(string workingDirectory, string command)
    {
        var info = ChildProcess.StartInfo(
            "setpriv",
            ["--reuid=" + TestHost.NobodyId, "--regid=" + TestHost.NobodyId, "--clear-groups", "--", "sh", "-c", command],
            workingDirectory);
        var result = ChildProcess.Run(info);
        Assert.That(result.ExitCode, Is.Zero, $"as uid {TestHost.NobodyId}: {command}{Environment.NewLine}{result}");
    }

    /// <summary>
    /// Opens a directory tree up so that the other user can reach <paramref name="shared"/> and write into it, as a
    /// shared cache dir (mode 0777) is: every directory from <paramref name="top"/> down is made traversable.
    /// </summary>
    public static void ShareDirectory(string top, string shared)
    {
        const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        for (var directory = shared; directory.StartsWith(top, StringComparison.Ordinal); directory = Path.GetDirectoryName(directory)!)
        {
            File.SetUnixFileMode(directory, Traversable);
        }

        File.SetUnixFileMode(shared, Traversable | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
    }
}
