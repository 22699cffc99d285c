namespace RoslynBootsnap.Cli;

/// <summary>
/// The exit code of a script that ran to the end, by dotnet-script's rule: a non-zero
/// <see cref="Environment.ExitCode"/> set by the script wins, else the script's <c>int</c> value, else 0.
/// </summary>
/// <remarks>
/// The process's own exit code is what <c>Main</c> returns, which would overwrite the script's
/// <see cref="Environment.ExitCode"/>; reading it here hands it on.
/// </remarks>
internal static class ScriptExitCode
{
    public static int Of(object? result) => Environment.ExitCode switch
    {
        0 => result is int code ? code : ExitCodes.Success,
        var set => set,
    };
}
