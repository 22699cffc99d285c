namespace RoslynBootsnap.Caching;

/// <summary>
/// A hold on one entry's gate, handed to the body that runs under it and on to the store: whether a caller holds
/// the gate, and what to release with it, travel with the call rather than with the thread.
/// </summary>
/// <remarks>Used by the one body that holds the gate, so it needs no lock of its own.</remarks>
internal sealed class EntryLease
{
    private List<Action>? _onRelease;

    public EntryLease(string entryPath)
    {
        EntryPath = entryPath;
    }

    /// <summary>The entry whose gate is held.</summary>
    public string EntryPath { get; }

    /// <summary>Whether this is the hold on <paramref name="entryPath"/>'s gate.</summary>
    public bool Holds(string entryPath) => string.Equals(EntryPath, entryPath, StringComparison.Ordinal);

    /// <summary>
    /// Runs <paramref name="action"/> when the gate is released, however the body under it ends: a store releases
    /// there what it took for a compile that may fail. It must not throw.
    /// </summary>
    public void OnRelease(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        (_onRelease ??= []).Add(action);
    }

    /// <summary>Runs what was registered, once, as the gate is released.</summary>
    internal void Release()
    {
        var actions = _onRelease;
        _onRelease = null;
        if (actions is not null)
        {
            foreach (var action in actions)
            {
                action();
            }
        }
    }
}
