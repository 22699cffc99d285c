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
}
