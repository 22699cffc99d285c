namespace RoslynBootsnap.StartupHarness;

/// <summary>One measured command. <see cref="Prepare"/> runs untimed before each run (a fresh cache dir, a touch).</summary>
internal sealed record HarnessCase(string Name, string Description, Func<IReadOnlyList<string>> Command, Action? Prepare = null);
