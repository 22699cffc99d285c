namespace RoslynBootsnap.Tests;

public sealed class ScriptCompilationExceptionTests
{
    private static ScriptDiagnostic Diagnostic(ScriptDiagnosticSeverity severity, string id, int line) =>
        new(id, severity, "text of " + id, "/scripts/a.csx", line, 5, line, 9);

    [Test]
    public void Message_ErrorsAndWarnings_OneLinePerErrorInCompilerFormat()
    {
        var exception = new ScriptCompilationException(
            "/scripts/a.csx",
            [Diagnostic(ScriptDiagnosticSeverity.Error, "CS0103", 2), Diagnostic(ScriptDiagnosticSeverity.Error, "CS1002", 4), Diagnostic(ScriptDiagnosticSeverity.Warning, "CS0168", 1)]);

        Assert.That(
            exception.Message,
            Is.EqualTo($"/scripts/a.csx(2,5): error CS0103: text of CS0103{Environment.NewLine}/scripts/a.csx(4,5): error CS1002: text of CS1002"));
        Assert.That(exception.Path, Is.EqualTo("/scripts/a.csx"));
    }

    [Test]
    public void Diagnostics_CallerChangesItsList_Unaffected()
    {
        var diagnostics = new List<ScriptDiagnostic> { Diagnostic(ScriptDiagnosticSeverity.Error, "CS0103", 2) };

        var exception = new ScriptCompilationException("/scripts/a.csx", diagnostics);
        diagnostics.Clear();

        Assert.That(exception.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "CS0103" }));
    }

    [Test]
    public void Constructor_NullDiagnostic_Throws() =>
        Assert.Throws<ArgumentException>(() => _ = new ScriptCompilationException("/scripts/a.csx", [null!]));
}
