using Microsoft.CodeAnalysis.Text;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling;

/// <summary>
/// Deeply nested scripts: refused with a compile error past the bound, compiled on a stack with room below it,
/// and never the end of the process that compiles them.
/// </summary>
public sealed class SourceNestingTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCase(20_000)]
    [TestCase(100_000)]
    [Category("Process")]
    [Category("Reliability")]
    public void Run_NestedParenthesesPastBound_CompileErrorExitsOneNotStackOverflow(int depth)
    {
        var script = _temp.Write("deep.csx", Nested(depth));

        var result = CliHost.Run(_temp.Path, "run", "--cache-dir", _temp.CacheDirectory, script);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.Contain($"{script}(1,").And.Contain($"error {SourceNesting.DiagnosticId}: Brackets nest more than {SourceNesting.Maximum} deep"));
        Assert.That(result.StandardError, Does.Not.Contain("Stack overflow"));
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public void Run_NestedParenthesesAtBound_CompilesAndRuns()
    {
        var script = _temp.Write("deep.csx", Nested(SourceNesting.Maximum - 1));

        var result = CliHost.Run(_temp.Path, "run", "--cache-dir", _temp.CacheDirectory, script);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[] { "1" }));
    }

    [Test]
    [Category("Reliability")]
    public void Load_NestedParenthesesPastBound_TypedErrorInProcess()
    {
        var script = _temp.Write("deep.csx", Nested(SourceNesting.Maximum + 1));

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(script, new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory }));

        Assert.That(error!.Diagnostics.Single().Id, Is.EqualTo(SourceNesting.DiagnosticId));
        Assert.That(error.Diagnostics.Single().StartColumn, Is.EqualTo("var x = ".Length + SourceNesting.Maximum + 1));
    }

    [Test]
    [Category("Reliability")]
    public void Load_LoadedFileNestedPastBound_CompileErrorNamesThatFile()
    {
        var loaded = _temp.Write("deep.csx", Nested(SourceNesting.Maximum * 20));
        var script = _temp.Write("main.csx", "#load \"deep.csx\"\nx");

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(script, new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory }));

        Assert.That(error!.Message, Does.Contain(SourceNesting.DiagnosticId).Or.Contain($"more than {SourceNesting.Maximum} deep"));
        Assert.That(error.Message, Does.Contain(loaded));
    }

    [Test]
    public void Load_ScriptThrowsOnCompileThread_ExceptionKeepsItsType()
    {
        var script = _temp.Write("bad.csx", "undefinedThing + 1");

        Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(script, new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory }));
    }

    [TestCase("var s = \"((((\";")]
    [TestCase("var s = @\"(((\"\"((\";")]
    [TestCase("var s = \"\"\"\n((((\n\"\"\";")]
    [TestCase("// ((((\n")]
    [TestCase("/* (((( */")]
    [TestCase("var c = '(';")]
    public void Check_BracketsInLiteralsAndComments_NotCounted(string line)
    {
        var text = string.Concat(Enumerable.Repeat(line + "\n", SourceNesting.Maximum + 1));

        Assert.DoesNotThrow(() => SourceNesting.Check(SourceText.From(text), "/x.csx"));
    }

    [TestCase('(', ')')]
    [TestCase('[', ']')]
    [TestCase('{', '}')]
    public void Check_EachBracketKind_CountedToTheBound(char open, char close)
    {
        string Text(int depth) => new string(open, depth) + new string(close, depth);

        Assert.DoesNotThrow(() => SourceNesting.Check(SourceText.From(Text(SourceNesting.Maximum)), "/x.csx"));
        Assert.Throws<ScriptCompilationException>(() => SourceNesting.Check(SourceText.From(Text(SourceNesting.Maximum + 1)), "/x.csx"));
    }

    private static string Nested(int depth) =>
        "var x = " + new string('(', depth) + "1" + new string(')', depth) + ";\nWriteLine(x);\n";
}
