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

        Assert.That(error.FormattedErrors, Has.Exactly(1).StartsWith("/scripts/x.csx(1,1): error RBS0001: "));
        Assert.That(error.Message, Does.StartWith("/scripts/x.csx(1,1): error RBS0001: "));
        Assert.That(error.Diagnostics, Has.Length.EqualTo(1));
    }
}
