using System.Globalization;
using Microsoft.CodeAnalysis;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Turns the compiler's diagnostics into <see cref="ScriptDiagnostic"/>s, so that the public surface, and
/// the exception hosts catch on the load path, name no Roslyn type.
/// </summary>
internal static class DiagnosticConverter
{
    public static ScriptDiagnostic[] Convert(IEnumerable<Diagnostic> diagnostics) => [.. diagnostics.Select(Convert)];

    /// <summary>Takes position and path as the compiler's own formatter does: mapped by <c>#line</c>, when valid.</summary>
    public static ScriptDiagnostic Convert(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var severity = Severity(diagnostic.Severity);
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        if (diagnostic.Location.Kind is LocationKind.SourceFile or LocationKind.XmlFile or LocationKind.ExternalFile)
        {
            var span = diagnostic.Location.GetLineSpan();
            var mapped = diagnostic.Location.GetMappedLineSpan();
            if (span.IsValid && mapped.IsValid)
            {
                var start = mapped.StartLinePosition;
                var end = mapped.EndLinePosition;
                return new ScriptDiagnostic(
                    diagnostic.Id,
                    severity,
                    message,
                    mapped.HasMappedPath ? mapped.Path : span.Path,
                    start.Line + 1,
                    start.Character + 1,
                    end.Line + 1,
                    end.Character + 1);
            }
        }

        return new ScriptDiagnostic(diagnostic.Id, severity, message, null, 0, 0, 0, 0);
    }

    private static ScriptDiagnosticSeverity Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Hidden => ScriptDiagnosticSeverity.Hidden,
        DiagnosticSeverity.Info => ScriptDiagnosticSeverity.Info,
        DiagnosticSeverity.Warning => ScriptDiagnosticSeverity.Warning,
        _ => ScriptDiagnosticSeverity.Error,
    };
}
