namespace RoslynBootsnap.Caching;

/// <summary>
/// A miss under its entry's gate, as a compile strategy sees it: the script, a way to compile it here, and a way
/// to serve an entry another process has just written for it.
/// </summary>
internal sealed class CompileMiss<TOutput>
    where TOutput : class
{
    private readonly CompileCache<TOutput> _cache;
    private readonly string _entryPath;
    private readonly SourceFile _source;
    private readonly EntryLease _lease;
    private readonly EntryCheck _check;

    public CompileMiss(CompileCache<TOutput> cache, string entryPath, SourceFile source, EntryLease lease, EntryCheck check)
    {
        _cache = cache;
        _entryPath = entryPath;
        _source = source;
        _lease = lease;
        _check = check;
    }

    /// <summary>The full path of the script.</summary>
    public string Path => _source.Path;

    /// <summary>Compiles here, writes the entry and loads it.</summary>
    public TOutput CompileInProcess(CancellationToken cancellationToken) =>
        _cache.CompileAndStore(_entryPath, _source, _check.Input ?? _source.ReadAll(), cancellationToken);

    /// <summary>
    /// Loads the entry another process wrote, as a hit would, and hands it to the tiers beyond the local one;
    /// <see langword="false"/> when there is no usable entry.
    /// </summary>
    public bool TryServeWritten(out TOutput output) => _cache.TryServeWritten(_entryPath, _source, _lease, out output);

    /// <summary>Reports an event of this miss through the cache's counters and sink.</summary>
    public void Raise(CacheEvent cacheEvent) => _cache.Raise(cacheEvent);
}
