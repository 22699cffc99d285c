namespace RoslynBootsnap.Caching;

/// <summary>
/// Where the cache's entries live, as the fetch sees it: a verdict on an entry, and the writes that follow it.
/// The modes are stores (the files, a read-only decorator over them, none at all), so the fetch path has no
/// branch of its own for any of them.
/// </summary>
internal interface IEntryStore
{
    /// <summary>Whether the entry is current; its <see cref="EntryCheck.MayWrite"/> says whether a fresh one may be written.</summary>
    /// <param name="entryPath">The entry.</param>
    /// <param name="source">The script it is for.</param>
    /// <param name="lease">
    /// The caller's hold on the entry's gate, <see langword="null"/> outside it: a store does its costly lookups
    /// only under the gate, and registers there what to release with it.
    /// </param>
    EntryCheck Check(string entryPath, SourceFile source, EntryLease? lease);

    /// <summary>Writes a freshly compiled entry; <see langword="false"/> when it was not written.</summary>
    bool TryWrite(string entryPath, SourceFile source, byte[] input, CompiledStorage storage);

    /// <summary>Brings a revalidated entry's timestamps up to date; answers whether a current entry exists.</summary>
    bool Refresh(string entryPath, SourceFile source, EntryCheck check);

    /// <summary>
    /// A precompile found the entry current: shares it wherever this store shares what it writes, so that a cache
    /// built before the sharing was set up is shared too. Never called on a load.
    /// </summary>
    void Share(string entryPath, SourceFile source, EntryCheck check);

    /// <summary>Records that a hit used the entry, for least-recently-used cleaning.</summary>
    void RecordUse(string entryPath, long lastAccessTicks);
}
