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

    /// <summary>
    /// Runs <paramref name="body"/> holding the entry's gate, waiting for it synchronously. The body gets the
    /// lease on the gate: a store does its costly lookups (the remote tier) under it, once per miss, rather than
    /// again in the ungated check before it, and registers there what to release with the gate.
    /// </summary>
    public static TResult Run<TState, TResult>(string entryPath, Func<TState, EntryLease, TResult> body, TState state, CancellationToken cancellationToken)
    {
        var gate = For(entryPath);
        gate.Wait(cancellationToken);
        var lease = new EntryLease(entryPath);
        try
        {
            return body(state, lease);
        }
        finally
        {
            lease.Release();
            gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> holding the entry's gate, waiting for it without holding a thread; see
    /// <see cref="Run"/>.
    /// </summary>
    public static async ValueTask<TResult> RunAsync<TState, TResult>(string entryPath, Func<TState, EntryLease, TResult> body, TState state, CancellationToken cancellationToken)
    {
        var gate = For(entryPath);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var lease = new EntryLease(entryPath);
        try
        {
            return body(state, lease);
        }
        finally
        {
            lease.Release();
            gate.Release();
        }
    }
}
