namespace RoslynBootsnap.Caching;

/// <summary>No store at all: the disabled mode. Nothing under the cache dir is looked at, and no event is raised.</summary>
internal sealed class BypassedEntryStore : IEntryStore
{
    public static BypassedEntryStore Instance { get; } = new();

    private BypassedEntryStore()
    {
    }

    public EntryCheck Check(string entryPath, SourceFile source, EntryLease? lease) => EntryCheck.Bypassed();

    public bool TryWrite(string entryPath, SourceFile source, byte[] input, CompiledStorage storage) => false;

    public bool Refresh(string entryPath, SourceFile source, EntryCheck check) => false;

    public void Share(string entryPath, SourceFile source, EntryCheck check)
    {
    }

    public void RecordUse(string entryPath, long lastAccessTicks)
    {
        // Nothing is ever served.
    }
}
