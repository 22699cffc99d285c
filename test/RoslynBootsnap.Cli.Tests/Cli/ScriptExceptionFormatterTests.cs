using RoslynBootsnap.Cli;

namespace RoslynBootsnap.Tests.Cli;

public sealed class ScriptExceptionFormatterTests
{
    [Test]
    public void ScriptFrames_CutsAtFirstOwnFrameAndTheAwaitBoundaryAboveIt()
    {
        var trace = string.Join('\n',
            "   at Submission#0.Fail() in /s.csx:line 2",
            "   at Submission#0.<<Initialize>>d__0.MoveNext() in /s.csx:line 3",
            "--- End of stack trace from previous location ---",
            "   at RoslynBootsnap.LoadedScript.RunAsync(Object globals, CancellationToken cancellationToken)",
            "   at RoslynBootsnap.Cli.ScriptRunner.RunAsync(RunRequest request)");

        var frames = ScriptExceptionFormatter.ScriptFrames(trace);

        Assert.That(frames, Is.EqualTo(new[]
        {
            "   at Submission#0.Fail() in /s.csx:line 2",
            "   at Submission#0.<<Initialize>>d__0.MoveNext() in /s.csx:line 3",
        }));
    }

    [Test]
    public void ScriptFrames_NoOwnFrame_KeepsEverything()
    {
        var frames = ScriptExceptionFormatter.ScriptFrames("   at A.B()\n   at C.D()");

        Assert.That(frames, Is.EqualTo(new[] { "   at A.B()", "   at C.D()" }));
    }

    [Test]
    public void Format_NeverThrown_TypeAndMessageOnly()
    {
        var text = ScriptExceptionFormatter.Format(new InvalidOperationException("plain"));

        Assert.That(text, Is.EqualTo("System.InvalidOperationException: plain"));
    }
}
