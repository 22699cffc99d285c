namespace RoslynBootsnap.Caching;

/// <summary>
/// One gate per entry path, shared by every cache in the process: threads that missed the same entry compile
/// it once, and the others wait, synchronously or asynchronously and cancellably, and then find it.
/// </summary>
/// <remarks>
/// A plain dictionary under its own lock, taken only on a miss, rather than a concurrent one, whose assembly
/// every warm start would load. A gate is a semaphore rather than a monitor so that a waiter can be cancelled
/// and can wait without holding a thread.
/// </remarks>
internal static class EntryGates
{
    private static readonly Dictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static string? t_held;

    [ThreadStatic]
    private static List<Action>? t_onRelease;

    /// <summary>
    /// Whether this thread runs a body under the gate of <paramref name="entryPath"/>: a store does its costly
    /// lookups (the remote tier) there, once per miss, rather than again in the ungated check before it.
    /// </summary>
    public static bool Holds(string entryPath) => string.Equals(t_held, entryPath, StringComparison.Ordinal);

    /// <summary>
    /// Runs <paramref name="action"/> when the body this thread runs under a gate ends, however it ends: a store
    /// releases there what it took for a compile that may fail. It must not throw.
    /// </summary>
    public static void OnRelease(Action action) => (t_onRelease ??= []).Add(action);

    public static SemaphoreSlim For(string entryPath)
    {
        lock (Gates)
        {
            if (!Gates.TryGetValue(entryPath, out var gate))
            {
                gate = new SemaphoreSlim(1, 1);
                Gates.Add(entryPath, gate);
            }

            return gate;
        }
    }

    /// <summary>Runs <paramref name="body"/> holding the entry's gate, waiting for it synchronously.</summary>
    public static TResult Run<TState, TResult>(string entryPath, Func<TState, TResult> body, TState state, CancellationToken cancellationToken)
    {
        var gate = For(entryPath);
        gate.Wait(cancellationToken);
        var outer = t_held;
        var outerActions = t_onRelease;
        try
        {
            t_held = entryPath;
            t_onRelease = null;
            return body(state);
        }
        finally
        {
            RunReleaseActions();
            t_held = outer;
            t_onRelease = outerActions;
            gate.Release();
        }
    }

    /// <summary>Runs <paramref name="body"/> holding the entry's gate, waiting for it without holding a thread.</summary>
    public static async ValueTask<TResult> RunAsync<TState, TResult>(string entryPath, Func<TState, TResult> body, TState state, CancellationToken cancellationToken)
    {
        var gate = For(entryPath);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var outer = t_held;
        var outerActions = t_onRelease;
        try
        {
            t_held = entryPath;
            t_onRelease = null;
            return body(state);
        }
        finally
        {
            RunReleaseActions();
            t_held = outer;
            t_onRelease = outerActions;
            gate.Release();
        }
    }

    private static void RunReleaseActions()
    {
        if (t_onRelease is { } actions)
        {
            foreach (var action in actions)
            {
                action();
            }
        }
    }
}
