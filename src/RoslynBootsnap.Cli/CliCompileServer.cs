using System.Globalization;

namespace RoslynBootsnap.Cli;

/// <summary>
/// The compile server as the command line uses it: this same program, <c>server run</c>, started on the first
/// miss. On unless <c>--no-server</c> or <see cref="CompileServer.NoServerVariable"/> says otherwise.
/// </summary>
internal static class CliCompileServer
{
    /// <summary>Seconds one compile through the server may take, from connect to its whole answer; generous, but bounded.</summary>
    public const string TimeoutVariable = ScriptEnvironment.ServerTimeoutVariable;

    /// <summary>
    /// The server options for <c>run</c>; <see langword="null"/> when the environment turns the server off, or
    /// off Linux, where the server cannot learn its peer's uid.
    /// </summary>
    /// <exception cref="EnvironmentValueException">A timeout variable holds a value out of range or malformed, even with the server off.</exception>
    public static CompileServerOptions? Options()
    {
        CheckEnvironment();
        if (!OperatingSystem.IsLinux() || ScriptEnvironment.NoServer)
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
        if (IdleTimeout() is { } idle)
        {
            options = options with { IdleTimeout = idle };
        }

        if (CompileTimeout() is { } timeout)
        {
            options = options with { CompileTimeout = timeout };
        }

        return options;
    }

    /// <summary>
    /// Checks every number the command reads from the environment, before a command runs.
    /// </summary>
    /// <exception cref="EnvironmentValueException">A variable holds a value out of range or malformed.</exception>
    public static void CheckEnvironment()
    {
        _ = IdleTimeout();
        _ = CompileTimeout();
    }

    /// <summary>The server's idle timeout from <see cref="CompileServer.IdleTimeoutVariable"/>; <see langword="null"/> when unset or empty.</summary>
    /// <exception cref="EnvironmentValueException">The value is not a number of seconds in range.</exception>
    public static TimeSpan? IdleTimeout() => Seconds(CompileServer.IdleTimeoutVariable, ScriptEnvironment.ServerIdleTimeout);

    /// <summary>The compile timeout from <see cref="TimeoutVariable"/>; <see langword="null"/> when unset or empty.</summary>
    /// <exception cref="EnvironmentValueException">The value is not a number of seconds in range.</exception>
    public static TimeSpan? CompileTimeout() => Seconds(TimeoutVariable, ScriptEnvironment.ServerTimeout);

    /// <summary>A positive number of seconds from a variable's <paramref name="value"/>; <see langword="null"/> when unset or empty.</summary>
    /// <exception cref="EnvironmentValueException">The value is not a number of seconds in range (<see cref="Quantity.TryParseSeconds"/>).</exception>
    private static TimeSpan? Seconds(string variable, string? value)
    {
        if (value is null || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Quantity.TryParseSeconds(value, out var seconds)
            ? seconds
            : throw new EnvironmentValueException(
                variable,
                value,
                string.Create(CultureInfo.InvariantCulture, $"a number of seconds greater than 0 and at most {Quantity.MaximumAge.TotalSeconds} (such as 30 or 2.5)"));
    }
}
