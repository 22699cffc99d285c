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

    /// <summary>
    /// Starts the host without waiting for it, for tests that run several at once or stop one mid-write.
    /// Dispose the handle to kill a host that is still running.
    /// </summary>
    public static RunningHost Launch(params string[] arguments) => new(Prepare(null, HostDirectory, arguments, null));

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

    private static ProcessResult Start(string? wrapper, string directory, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        using var host = new RunningHost(Prepare(wrapper, directory, arguments, environment));
        return host.WaitForExit(TimeSpan.FromMinutes(2));
    }
}

/// <summary>A host process that is still running; its output is collected line by line as it comes.</summary>
internal sealed class RunningHost : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly System.Text.StringBuilder _stderr = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunningHost(ProcessStartInfo info)
    {
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _outputClosed.TrySetResult();
                return;
            }

            lock (_lines)
            {
                _lines.Add(e.Data);
                Monitor.PulseAll(_lines);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _errorClosed.TrySetResult();
                return;
            }

            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>Waits until the host prints a line that starts with <paramref name="prefix"/> and returns its rest.</summary>
    public string WaitForLine(string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_lines)
        {
            while (true)
            {
                var line = _lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[prefix.Length..].Trim();
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _outputClosed.Task.IsCompleted)
                {
                    throw new TimeoutException($"The test host never printed '{prefix}':\n{string.Join('\n', _lines)}\n{_stderr}");
                }

                Monitor.Wait(_lines, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
            }
        }
    }

    /// <summary>Sends SIGKILL (on Unix) and waits for the process to be gone.</summary>
    public ProcessResult Kill()
    {
        _process.Kill(entireProcessTree: true);
        return WaitForExit(TimeSpan.FromMinutes(1));
    }

    public ProcessResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The test host did not finish: {string.Join(' ', _process.StartInfo.ArgumentList)}");
        }

        // Both pipes are drained once the process is gone and its output has been read to the end.
        Task.WaitAll([_outputClosed.Task, _errorClosed.Task], TimeSpan.FromMinutes(1));
        lock (_lines)
        {
            lock (_stderr)
            {
                return new ProcessResult(_process.ExitCode, string.Join('\n', _lines), _stderr.ToString());
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }
}

/// <summary>What a child process printed and how it exited.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> Lines(string prefix) =>
        [.. StandardOutput.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..].Trim())];

    public override string ToString() => $"exit {ExitCode}\n{StandardOutput}\n{StandardError}";
}
