namespace RoslynBootsnap.StartupHarness;

/// <summary>How one child process ended: its exit code, wall time and peak resident set.</summary>
internal sealed record ChildResult(int ExitCode, TimeSpan Wall, long PeakBytes)
{
    /// <summary>Throws unless the child exited 0; <paramref name="what"/> names it in the message.</summary>
    public void EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited {ExitCode}");
        }
    }
}
