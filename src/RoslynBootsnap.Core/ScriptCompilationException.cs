namespace RoslynBootsnap;

/// <summary>
/// A script failed to compile. Nothing was cached. The message has one line per error in the
/// compiler's own format, <c>path(line,col): error CSxxxx: message</c>.
/// </summary>
/// <remarks>
/// It names no compiler type, so a host that catches it on its load path still loads no Roslyn
/// assembly on a cache hit.
/// </remarks>
public sealed class ScriptCompilationException : Exception
{
    /// <summary>Creates the exception for a script and its diagnostics.</summary>
    /// <param name="path">The script that failed to compile.</param>
    /// <param name="diagnostics">The diagnostics, errors first; those of error severity make up the message.</param>
    public ScriptCompilationException(string path, IReadOnlyList<ScriptDiagnostic> diagnostics)
        : base(FormatMessage(path, diagnostics))
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        Diagnostics = [.. diagnostics];
    }

    /// <summary>The script that failed to compile.</summary>
    public string Path { get; }

    /// <summary>The compiler's diagnostics, errors first.</summary>
    public IReadOnlyList<ScriptDiagnostic> Diagnostics { get; }

    private static string FormatMessage(string path, IReadOnlyList<ScriptDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (diagnostics.Any(d => d is null))
        {
            throw new ArgumentException("The diagnostics contain null.", nameof(diagnostics));
        }

        var errors = diagnostics
            .Where(d => d.Severity == ScriptDiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToList();
        return errors.Count == 0
            ? $"The script '{path}' failed to compile."
            : string.Join(Environment.NewLine, errors);
    }
}
