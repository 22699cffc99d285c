using RoslynBootsnap.Cli;

namespace RoslynBootsnap.Tests.Cli;

public sealed class EvalValueTests
{
    [TestCase("1+1", true)]
    [TestCase("var x = 2;\nx * 3  \n", true)]
    [TestCase("return 3;", false)]
    [TestCase("if (true) { WriteLine(1); }", false)]
    [TestCase("#r \"nuget: X, 1.0.0\"\nWriteLine(1);", false)]
    [TestCase("   ", false)]
    public void EndsInExpression_Code_WhetherTheLastStatementLacksItsSemicolon(string code, bool expected) =>
        Assert.That(EvalValue.EndsInExpression(code), Is.EqualTo(expected));

    [Test]
    public void Finish_StatementReturningInt_ThatIsTheExitCodeAndNothingPrinted()
    {
        using var output = new StringWriter();

        Assert.That(EvalValue.Finish("return 3;", 3, output), Is.EqualTo(3));
        Assert.That(output.ToString(), Is.Empty);
    }

    [Test]
    public void Finish_TrailingExpression_PrintsValueExitsZero()
    {
        using var output = new StringWriter();

        Assert.That(EvalValue.Finish("1+1", 2, output), Is.Zero);
        Assert.That(output.ToString(), Is.EqualTo("2" + Environment.NewLine));
    }
}
