namespace RoslynBootsnap.StartupHarness;

/// <summary>A goal stated as a ratio of two measured figures.</summary>
internal sealed record Target(string Description, double Measured, string Goal, bool Met);
