namespace RoslynBootsnap.Caching;

/// <summary>
/// A store that serves what another store holds and never changes it: the read-only mode. No temp file, no
/// refreshed header, no access time, no directory is ever created; a stale or missing entry is compiled in memory.
/// </summary>
internal sealed class ReadOnlyEntryStore(IEntryStore inner) : IEntryStore
{
    public EntryCheck Check(string entryPath, SourceFile source, EntryLease? lease) => inner.Check(entryPath, source, lease).WithoutWrite();

    public bool TryWrite(string entryPath, SourceFile source, byte[] input, CompiledStorage storage) => false;

    public bool Refresh(string entryPath, SourceFile source, EntryCheck check) => check.IsUsable;

    // A read-only cache shares nothing.
    public void Share(string entryPath, SourceFile source, EntryCheck check)
    {
    }

    public void RecordUse(string entryPath, long lastAccessTicks)
    {
        // Reading leaves no trace.
    }
}
