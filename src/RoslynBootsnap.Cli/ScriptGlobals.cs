namespace RoslynBootsnap.Cli;

/// <summary>
/// What a script run by <c>roslyn-bootsnap run</c> sees as globals: the arguments after the script path,
/// as <c>Args</c>, the same name dotnet-script uses.
/// </summary>
public sealed class ScriptGlobals
{
    /// <summary>Creates the globals for one run.</summary>
    /// <param name="args">The arguments passed to the script.</param>
    public ScriptGlobals(IList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Args = args;
    }

    /// <summary>The arguments after the script path (everything after <c>--</c>).</summary>
    public IList<string> Args { get; }
}
