namespace RoslynBootsnap.Cli;

/// <summary>The process exit codes, as docs/cli.md documents them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked (a script that returns an <c>int</c> chooses its own code instead).</summary>
    public const int Success = 0;

    /// <summary>A script threw, failed to compile, or (for precompile) at least one script failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line could not be parsed or names an impossible setting.</summary>
    public const int Usage = 2;

    /// <summary>The script given to run is missing or cannot be read.</summary>
    public const int NoInput = 3;

    /// <summary>A package the script references could not be resolved: not found, no such version, a source unreachable, or no SDK to restore with.</summary>
    public const int PackageFailure = 4;
}
