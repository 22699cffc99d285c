using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RoslynBootsnap.Compiling;

namespace RoslynBootsnap.Tests.Compiling;

public sealed class DiagnosticConverterTests
{
    private const string Source = """
        using System.Text;
        class C
        {
            void Unused() { int unused; }
        #line 40 "mapped.cs"
            void Mapped() { undefinedThing(); }
        #line default
            void Error() { int x = "text"; }
        }
        """;

    private static IEnumerable<Diagnostic> Diagnostics()
    {
        var compilation = CSharpCompilation.Create(
            "Converted",
            [CSharpSyntaxTree.ParseText(Source, path: "/scripts/source.cs")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var info = new DiagnosticDescriptor("RB0001", "title", "an info about {0}", "test", DiagnosticSeverity.Info, isEnabledByDefault: true);
        var external = Location.Create("/scripts/external.txt", new TextSpan(0, 4), new LinePositionSpan(new(2, 3), new(4, 5)));
        return
        [
            .. compilation.GetDiagnostics(),
            Diagnostic.Create(info, Location.None, "nothing"),
            Diagnostic.Create(info, external, "a file"),
        ];
    }

    [Test]
    public void Convert_EveryKindOfDiagnostic_FormatsAsTheCompilerFormatter()
    {
        var diagnostics = Diagnostics().ToList();

        Assert.That(diagnostics.Select(d => d.Severity).Distinct(), Is.EquivalentTo(Enum.GetValues<DiagnosticSeverity>()), "every severity must be covered");
        Assert.That(diagnostics, Has.Some.Matches<Diagnostic>(d => d.Location == Location.None && d.Severity == DiagnosticSeverity.Error), "an error without location must be covered");
        Assert.Multiple(() =>
        {
            foreach (var diagnostic in diagnostics)
            {
                Assert.That(
                    DiagnosticConverter.Convert(diagnostic).ToString(),
                    Is.EqualTo(CSharpDiagnosticFormatter.Instance.Format(diagnostic, CultureInfo.InvariantCulture)));
            }
        });
    }

    [Test]
    public void Convert_LineDirective_MappedPathAndOneBasedSpan()
    {
        var mapped = DiagnosticConverter.Convert(Diagnostics().Single(d => d.Id == "CS0103"));

        Assert.That(
            (mapped.Severity, mapped.FilePath, mapped.StartLine, mapped.StartColumn, mapped.EndLine, mapped.EndColumn),
            Is.EqualTo((ScriptDiagnosticSeverity.Error, "mapped.cs", 40, 21, 40, 35)));
    }

    [Test]
    public void Convert_NoLocation_NoPathAndZeroSpan()
    {
        var converted = DiagnosticConverter.Convert(Diagnostics().Single(d => d.Id == "CS5001"));

        Assert.That(
            (converted.Id, converted.Severity, converted.FilePath, converted.StartLine, converted.StartColumn, converted.EndLine, converted.EndColumn),
            Is.EqualTo(("CS5001", ScriptDiagnosticSeverity.Error, (string?)null, 0, 0, 0, 0)));
    }
}
