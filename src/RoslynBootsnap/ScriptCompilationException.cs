using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RoslynBootsnap;

/// <summary>
/// A script failed to compile. Nothing was cached. The message has one line per error in the
/// compiler's own format, <c>path(line,col): error CSxxxx: message</c>.
/// </summary>
/// <remarks>
/// This type exposes Roslyn's <see cref="Diagnostic"/>, so only the compile path names it: a cache hit
/// never loads it, and with it no Roslyn assembly.
/// </remarks>
public sealed class ScriptCompilationException : Exception
{
    /// <summary>Creates the exception for a script and its error diagnostics.</summary>
    /// <param name="path">The script that failed to compile.</param>
    /// <param name="diagnostics">The diagnostics; those of error severity make up the message.</param>
    public ScriptCompilationException(string path, ImmutableArray<Diagnostic> diagnostics)
        : base(FormatMessage(path, diagnostics))
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        Diagnostics = diagnostics;
    }

    /// <summary>The script that failed to compile.</summary>
    public string Path { get; }

    /// <summary>The compiler's diagnostics, errors first.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The error diagnostics formatted as the command-line compiler prints them, one per line.</summary>
    public IEnumerable<string> FormattedErrors =>
        Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format);

    private static string FormatMessage(string path, ImmutableArray<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format).ToList();
        return errors.Count == 0
            ? $"The script '{path}' failed to compile."
            : string.Join(Environment.NewLine, errors);
    }

    private static string Format(Diagnostic diagnostic) =>
        CSharpDiagnosticFormatter.Instance.Format(diagnostic, CultureInfo.InvariantCulture);
}
