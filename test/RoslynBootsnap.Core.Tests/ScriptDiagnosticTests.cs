namespace RoslynBootsnap.Tests;

public sealed class ScriptDiagnosticTests
{
    [Test]
    public void ToString_SourceLocation_CompilerFormat()
    {
        var diagnostic = new ScriptDiagnostic("CS1002", ScriptDiagnosticSeverity.Error, "; expected", "/scripts/a.csx", 3, 7, 3, 8);

        Assert.That(diagnostic.ToString(), Is.EqualTo("/scripts/a.csx(3,7): error CS1002: ; expected"));
    }

    [TestCase(ScriptDiagnosticSeverity.Hidden, "hidden CS8019: text")]
    [TestCase(ScriptDiagnosticSeverity.Info, "info CS8019: text")]
    [TestCase(ScriptDiagnosticSeverity.Warning, "warning CS8019: text")]
    [TestCase(ScriptDiagnosticSeverity.Error, "error CS8019: text")]
    public void ToString_NoSourceLocation_SeverityIdAndMessage(ScriptDiagnosticSeverity severity, string expected) =>
        Assert.That(new ScriptDiagnostic("CS8019", severity, "text", null, 0, 0, 0, 0).ToString(), Is.EqualTo(expected));

    [Test]
    public void Constructor_NegativePosition_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ScriptDiagnostic("CS1002", ScriptDiagnosticSeverity.Error, "m", "a.csx", 1, -1, 1, 1));
}
