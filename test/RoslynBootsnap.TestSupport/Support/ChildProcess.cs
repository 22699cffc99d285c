using System.Diagnostics;

namespace RoslynBootsnap.Tests.Support;

/// <summary>Starts a real child process with redirected output and collects it whole, byte for byte.</summary>
internal static class ChildProcess
{
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }

    /// <summary>Runs the process to its end; <paramref name="standardInput"/>, when given, is written to its stdin, then closed.</summary>
    public static ProcessResult Run(ProcessStartInfo info, string? standardInput = null) => Run(info, TimeSpan.FromMinutes(2), standardInput);

    /// <summary>Runs the process to its end, waiting at most <paramref name="limit"/> (a build or publish needs more).</summary>
    public static ProcessResult Run(ProcessStartInfo info, TimeSpan limit, string? standardInput = null)
    {
        info.RedirectStandardInput = standardInput is not null;
        using var process = Process.Start(info)!;
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} did not finish: {string.Join(' ', info.ArgumentList)}");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
