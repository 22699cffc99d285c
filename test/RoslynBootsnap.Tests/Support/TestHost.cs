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
        var copy = temp.Combine("host");
        if (!Directory.Exists(copy))
        {
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(HostDirectory))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }
        }

        return Start(
            "setpriv",
            copy,
            ["--reuid=" + NobodyId, "--regid=" + NobodyId, "--clear-groups", "--", Dotnet, .. HostArguments(copy, arguments)],
            environment);
    }

    public static bool CanRunAsNobody => OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/setpriv");

    private static string Dotnet => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet"
        ? p
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string[] HostArguments(string directory, string[] arguments) =>
        [Path.Combine(directory, "RoslynBootsnap.TestHost.dll"), .. arguments];

    private static ProcessResult Start(string? wrapper, string directory, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(wrapper ?? Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in wrapper is null ? HostArguments(directory, arguments) : arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The child must not inherit the test's cache choice or a home it cannot write.
        info.Environment.Remove("ROSLYN_BOOTSNAP_CACHE_DIR");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (wrapper is not null)
        {
            info.Environment["HOME"] = directory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The test host did not finish: {string.Join(' ', arguments)}");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>What a child process printed and how it exited.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> Lines(string prefix) =>
        [.. StandardOutput.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..].Trim())];

    public override string ToString() => $"exit {ExitCode}\n{StandardOutput}\n{StandardError}";
}
