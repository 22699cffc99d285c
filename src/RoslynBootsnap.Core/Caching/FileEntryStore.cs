namespace RoslynBootsnap.Caching;

/// <summary>The entries in the cache dir, read and written: the read-write mode.</summary>
internal sealed class FileEntryStore(EntryValidator validator, EntryWriter writer) : IEntryStore
{
    public EntryCheck Check(string entryPath, SourceFile source, EntryLease? lease) => validator.Check(entryPath, source);

    public bool TryWrite(string entryPath, SourceFile source, byte[] input, CompiledStorage storage) =>
        writer.TryWrite(entryPath, source, input, storage);

    public bool Refresh(string entryPath, SourceFile source, EntryCheck check) => writer.Refresh(entryPath, source, check);

    // The files are the only place this store writes to: nothing to share.
    public void Share(string entryPath, SourceFile source, EntryCheck check)
    {
    }

    public void RecordUse(string entryPath, long lastAccessTicks) => CacheFile.RecordAccess(entryPath, lastAccessTicks);
}
