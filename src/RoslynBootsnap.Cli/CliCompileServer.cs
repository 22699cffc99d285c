using System.Globalization;

namespace RoslynBootsnap.Cli;

/// <summary>
/// The compile server as the command line uses it: this same program, <c>server run</c>, started on the first
/// miss. On unless <c>--no-server</c> or <see cref="CompileServer.NoServerVariable"/> says otherwise.
/// </summary>
internal static class CliCompileServer
{
    /// <summary>Seconds one compile through the server may take, from connect to its whole answer; generous, but bounded.</summary>
    public const string TimeoutVariable = "ROSLYN_BOOTSNAP_SERVER_TIMEOUT";

    /// <summary>
    /// The server options for <c>run</c>; <see langword="null"/> when the environment turns the server off, or
    /// off Linux, where the server cannot learn its peer's uid.
    /// </summary>
    public static CompileServerOptions? Options()
    {
        if (!OperatingSystem.IsLinux() || IsSet(Environment.GetEnvironmentVariable(CompileServer.NoServerVariable)))
        {
            return null;
        }

        var self = typeof(CliCompileServer).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";

        // Run as "dotnet roslyn-bootsnap.dll", the host needs the assembly; as an app host, only the command.
        var viaDotnet = Path.GetFileNameWithoutExtension(host) == "dotnet";
        var options = new CompileServerOptions
        {
            FileName = host,
            Arguments = viaDotnet ? [self, "server", "run"] : ["server", "run"],
        };
        if (Seconds(CompileServer.IdleTimeoutVariable) is { } idle)
        {
            options = options with { IdleTimeout = idle };
        }

        if (Seconds(TimeoutVariable) is { } timeout)
        {
            options = options with { CompileTimeout = timeout };
        }

        return options;
    }

    /// <summary>A positive number of seconds from the environment; <see langword="null"/> when unset or malformed.</summary>
    public static TimeSpan? Seconds(string variable) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static bool IsSet(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
