using System.Diagnostics;

namespace RoslynBootsnap.Tests.Support;

/// <summary>Runs <c>RoslynBootsnap.TestHost</c> as a real child process.</summary>
internal static class TestHost
{
    /// <summary>The unprivileged user a permission test runs as: root ignores permission bits.</summary>
    public const int NobodyId = 65534;

    private static string HostDirectory => AppContext.BaseDirectory;

    public static ProcessResult Run(params string[] arguments) => Start(null, HostDirectory, arguments, null);

    public static ProcessResult Run(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start(null, HostDirectory, arguments, environment);

    /// <summary>
    /// Runs the host as uid/gid 65534 through setpriv, from a world-readable copy of the host's files so
    /// that the unprivileged user can read them wherever the build output lives.
    /// </summary>
    public static ProcessResult RunAsNobody(TempDirectory temp, params string[] arguments) => RunAsNobody(temp, null, arguments);

    /// <inheritdoc cref="RunAsNobody(TempDirectory, string[])"/>
    public static ProcessResult RunAsNobody(TempDirectory temp, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var copy = CopyForNobody(temp);
        return Start(
            "setpriv",
            copy,
            [.. AsNobody, Dotnet, .. HostArguments(copy, arguments)],
            environment);
    }

    /// <summary>The setpriv arguments that run what follows them as uid/gid 65534.</summary>
    public static string[] AsNobody => ["--reuid=" + NobodyId, "--regid=" + NobodyId, "--clear-groups", "--"];

    /// <summary>A world-readable copy of the test's output directory (host and command line alike) under the temp dir.</summary>
    public static string CopyForNobody(TempDirectory temp)
    {
        var copy = temp.Combine("host");
        if (!Directory.Exists(copy))
        {
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(HostDirectory))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }
        }

        return copy;
    }

    public static bool CanRunAsNobody => OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/setpriv");

    /// <summary>The dotnet host running the tests, so children run on the same runtime.</summary>
    public static string Dotnet => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet"
        ? p
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string[] HostArguments(string directory, string[] arguments) =>
        [Path.Combine(directory, "RoslynBootsnap.TestHost.dll"), .. arguments];

    /// <summary>
    /// Starts the host without waiting for it, for tests that run several at once or stop one mid-write.
    /// Dispose the handle to kill a host that is still running.
    /// </summary>
    public static RunningHost Launch(params string[] arguments) => new(Prepare(null, HostDirectory, arguments, null));

    /// <inheritdoc cref="Launch(string[])"/>
    public static RunningHost Launch(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        new(Prepare(null, HostDirectory, arguments, environment));

    /// <summary>
    /// Runs the host with its file size limit (<c>ulimit -f</c>, in KiB) set below an entry's size and
    /// <c>SIGXFSZ</c> ignored, so that growing a file fails with <c>EFBIG</c> instead of killing the process.
    /// W^X double mapping is off because the runtime's own mappings would hit the limit.
    /// </summary>
    public static ProcessResult RunWithFileSizeLimit(int kibibytes, params string[] arguments) =>
        Start(
            "bash",
            HostDirectory,
            ["-c", $"trap '' XFSZ; ulimit -f {kibibytes}; exec \"$0\" \"$@\"", Dotnet, .. HostArguments(HostDirectory, arguments)],
            new Dictionary<string, string> { ["DOTNET_EnableWriteXorExecute"] = "0" });

    private static ProcessStartInfo Prepare(string? wrapper, string directory, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var info = ChildProcess.StartInfo(wrapper ?? Dotnet, wrapper is null ? HostArguments(directory, arguments) : arguments, directory);

        // The child must not inherit the test's cache choice or a home it cannot write.
        info.Environment.Remove("ROSLYN_BOOTSNAP_CACHE_DIR");
        if (wrapper == "setpriv")
        {
            info.Environment["HOME"] = directory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static ProcessResult Start(string? wrapper, string directory, string[] arguments, IReadOnlyDictionary<string, string>? environment) =>
        ChildProcess.Run(Prepare(wrapper, directory, arguments, environment));
}
