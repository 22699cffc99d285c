using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RoslynBootsnap.Compiling;

namespace RoslynBootsnap.Tests.Compiling;

public sealed class ScriptCompilerTests
{
    [Test]
    public void Failure_NoErrorDiagnostics_StillNamesOneError()
    {
        var error = ScriptCompiler.Failure("/scripts/x.csx", ImmutableArray<Diagnostic>.Empty);

        Assert.That(error.Message, Does.StartWith("/scripts/x.csx(1,1): error RBS0001: "));
        Assert.That(error.Diagnostics, Has.Count.EqualTo(1));
        Assert.That(error.Diagnostics[0].Severity, Is.EqualTo(ScriptDiagnosticSeverity.Error));
    }
}
