using System.Diagnostics;

namespace RoslynBootsnap.Tests.Support;

/// <summary>Runs the <c>roslyn-bootsnap</c> command line as a real child process, as a user would.</summary>
internal static class CliHost
{
    private static string CliPath => Path.Combine(AppContext.BaseDirectory, "roslyn-bootsnap.dll");

    private static string Dotnet => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet"
        ? p
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>Runs the command in <paramref name="workingDirectory"/> with no cache choice inherited from the test.</summary>
    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(CliPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove(ScriptCache.CacheDirectoryVariable);
        info.Environment.Remove(ScriptCache.ReadOnlyVariable);
        info.Environment.Remove(ScriptCache.DisableVariable);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["HOME"] = workingDirectory;
        info.Environment.Remove("XDG_CACHE_HOME");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"roslyn-bootsnap did not finish: {string.Join(' ', arguments)}");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The non-empty lines of a stream, without carriage returns.</summary>
    public static IReadOnlyList<string> LinesOf(string text) =>
        [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
}
