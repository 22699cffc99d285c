using System.Diagnostics;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// A mount a test makes over one of its own directories (a read-only bind mount, a tiny tmpfs) and always
/// unmounts on dispose. Mounting needs root on Linux; where it is refused the factories answer
/// <see langword="null"/> and say why, and the test is ignored for want of the privilege.
/// </summary>
internal sealed class Mount : IDisposable
{
    private Mount(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Remounts <paramref name="directory"/> over itself, read-only: even root gets EROFS.</summary>
    public static Mount? TryReadOnly(string directory, out string why) =>
        TryMount(directory, out why, "--bind", "-o", "ro", directory, directory);

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (as <c>64k</c>) on <paramref name="directory"/>, private to its owner.</summary>
    public static Mount? TryTmpfs(string directory, string size, out string why) =>
        TryMount(directory, out why, "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", directory);

    public void Dispose()
    {
        if (Run("umount", Directory).ExitCode != 0)
        {
            // Something still holds it: detach it now, the kernel finishes when it is released.
            Run("umount", "-l", Directory);
        }
    }

    private static Mount? TryMount(string directory, out string why, params string[] arguments)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            why = "Needs root on Linux to mount.";
            return null;
        }

        System.IO.Directory.CreateDirectory(directory);
        var (exitCode, output) = Run("mount", arguments);
        why = $"mount {string.Join(' ', arguments)} was refused: {output}";
        return exitCode == 0 ? new Mount(directory) : null;
    }

    private static (int ExitCode, string Output) Run(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
