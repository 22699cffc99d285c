namespace RoslynBootsnap;

/// <summary>How severe a <see cref="ScriptDiagnostic"/> is, from least to most; the compiler's own levels.</summary>
public enum ScriptDiagnosticSeverity
{
    /// <summary>Not shown to the user by default.</summary>
    Hidden,

    /// <summary>Information, not a problem.</summary>
    Info,

    /// <summary>Something suspicious; the script still compiles.</summary>
    Warning,

    /// <summary>Something the compiler rejects; the script does not compile.</summary>
    Error,
}
