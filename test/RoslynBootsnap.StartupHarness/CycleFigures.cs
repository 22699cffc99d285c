namespace RoslynBootsnap.StartupHarness;

/// <summary>What the load → run → unload loop reported at its checkpoints: the first, the last and every RSS.</summary>
internal sealed record CycleFigures(
    long HeapAfter100,
    long HeapAfterAll,
    long RssAfter100,
    long RssAfterAll,
    double MillisecondsPerCycleFirst100,
    double MillisecondsPerCycleRest,
    long PeakBytes,
    long ContextsAfterAll,
    IReadOnlyList<long> RssAtCheckpoints);
