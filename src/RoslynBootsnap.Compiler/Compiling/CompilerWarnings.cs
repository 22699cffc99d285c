using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace RoslynBootsnap.Compiling;

/// <summary>Hands the warnings of a successful compile to <see cref="ScriptCacheOptions.OnCompilerWarnings"/>.</summary>
internal static class CompilerWarnings
{
    public static void Report(ImmutableArray<Diagnostic> diagnostics, Action<IReadOnlyList<ScriptDiagnostic>>? sink)
    {
        if (sink is null)
        {
            return;
        }

        var warnings = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning && !d.IsSuppressed).ToList();
        if (warnings.Count > 0)
        {
            sink(DiagnosticConverter.Convert(warnings));
        }
    }
}
