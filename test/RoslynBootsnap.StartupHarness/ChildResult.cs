namespace RoslynBootsnap.StartupHarness;

/// <summary>How one child process ended: its exit code, wall time and peak resident set.</summary>
internal sealed record ChildResult(int ExitCode, TimeSpan Wall, long PeakBytes);
