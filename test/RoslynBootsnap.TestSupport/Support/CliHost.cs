using System.Diagnostics;
using System.Runtime.Versioning;

namespace RoslynBootsnap.Tests.Support;

/// <summary>Runs the <c>roslyn-bootsnap</c> command line as a real child process, as a user would.</summary>
internal static class CliHost
{
    private static string CliPath => Path.Combine(AppContext.BaseDirectory, "roslyn-bootsnap.dll");

    /// <summary>Runs the command in <paramref name="workingDirectory"/> with no cache choice inherited from the test.</summary>
    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.Run(Prepare(TestHost.Dotnet, [CliPath], workingDirectory, environment, arguments));

    /// <summary>
    /// Writes an executable <c>roslyn-bootsnap</c> into <paramref name="directory"/> that runs the built command,
    /// as an installed tool's shim does, and answers a PATH with that directory first.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    public static string InstallShim(string directory)
    {
        Directory.CreateDirectory(directory);
        var shim = Path.Combine(directory, "roslyn-bootsnap");
        File.WriteAllText(shim, $"#!/bin/sh\nexec '{TestHost.Dotnet}' '{CliPath}' \"$@\"\n");
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return directory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
    }

    /// <summary>
    /// Runs <paramref name="program"/> (a script run through its <c>#!</c> line, say) from a shell in
    /// <paramref name="workingDirectory"/>, as a user types it, with the command's environment.
    /// </summary>
    public static ProcessResult RunProgram(string program, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.Run(Prepare("/bin/sh", ["-c", "exec \"$0\" \"$@\"", program], workingDirectory, environment, arguments));

    /// <summary>Runs the command under a umask of <paramref name="umask"/> (octal, as the shell takes it).</summary>
    public static ProcessResult RunWithUmask(string umask, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.Run(Prepare("/bin/sh", ["-c", $"umask {umask} && exec \"$0\" \"$@\"", TestHost.Dotnet, CliPath], workingDirectory, environment, arguments));

    /// <summary>Runs the command with <paramref name="standardInput"/> as its stdin.</summary>
    public static ProcessResult RunWithInput(string workingDirectory, string standardInput, params string[] arguments) =>
        ChildProcess.Run(Prepare(TestHost.Dotnet, [CliPath], workingDirectory, new Dictionary<string, string>(), arguments), standardInput);

    /// <summary>Runs the command as uid/gid 65534 (see <see cref="TestHost.RunAsNobody(TempDirectory, string[])"/>) in <paramref name="temp"/>.</summary>
    public static ProcessResult RunAsNobody(TempDirectory temp, params string[] arguments) =>
        RunAsNobody(temp, new Dictionary<string, string>(), arguments);

    /// <inheritdoc cref="RunAsNobody(TempDirectory, string[])"/>
    public static ProcessResult RunAsNobody(TempDirectory temp, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var copy = TestHost.CopyForNobody(temp);
        return ChildProcess.Run(Prepare(
            "setpriv",
            [.. TestHost.AsNobody, TestHost.Dotnet, Path.Combine(copy, "roslyn-bootsnap.dll")],
            temp.Path,
            new Dictionary<string, string>(environment) { ["HOME"] = copy },
            arguments));
    }

    /// <summary>
    /// Starts the command as uid/gid 65534 (see <see cref="RunAsNobody(TempDirectory, string[])"/>) without waiting
    /// for it. Dispose the handle to kill a command that is still running.
    /// </summary>
    public static RunningHost StartAsNobody(TempDirectory temp, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var copy = TestHost.CopyForNobody(temp);
        var info = Prepare(
            "setpriv",
            [.. TestHost.AsNobody, TestHost.Dotnet, Path.Combine(copy, "roslyn-bootsnap.dll")],
            temp.Path,
            new Dictionary<string, string>(environment) { ["HOME"] = copy },
            arguments);
        info.RedirectStandardInput = true;
        return new RunningHost(info);
    }

    /// <summary>
    /// Starts the command without waiting for it, its stdin an open pipe that never delivers anything.
    /// Dispose the handle to kill a command that is still running.
    /// </summary>
    public static RunningHost Start(string workingDirectory, params string[] arguments) =>
        Start(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <inheritdoc cref="Start(string, string[])"/>
    public static RunningHost Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // Through env, which resets SIGINT and SIGTERM to their defaults: a runner started in the background may
        // hand its children SIGINT ignored, and .NET leaves a signal that was ignored at start ignored.
        var info = Prepare(TestHost.Dotnet, [CliPath], workingDirectory, environment, arguments);
        info.ArgumentList.Insert(0, info.FileName);
        info.ArgumentList.Insert(0, "--default-signal=INT,TERM");
        info.FileName = "env";
        info.RedirectStandardInput = true;
        return new RunningHost(info);
    }

    private static ProcessStartInfo Prepare(
        string program,
        string[] prefix,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        string[] arguments)
    {
        var info = ChildProcess.StartInfo(program, [.. prefix, .. arguments], workingDirectory);
        info.Environment.Remove(ScriptCache.CacheDirectoryVariable);
        info.Environment.Remove(ScriptCache.ReadOnlyVariable);
        info.Environment.Remove(ScriptCache.DisableVariable);
        info.Environment.Remove(ScriptCache.TrustedOwnersVariable);
        info.Environment["HOME"] = workingDirectory;
        info.Environment.Remove("XDG_CACHE_HOME");

        // No compile server unless a test asks for one, in a runtime dir of its own: a server outlives its
        // client, and a test must leave none behind.
        info.Environment[CompileServer.NoServerVariable] = "1";
        info.Environment.Remove("XDG_RUNTIME_DIR");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>The non-empty lines of a stream, without carriage returns.</summary>
    public static IReadOnlyList<string> LinesOf(string text) =>
        [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
}
