using System.Diagnostics;
using RoslynBootsnap.Diagnostics;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Caching;

/// <summary>
/// The port of bootsnap's <c>bs_fetch</c> and <c>bs_precompile</c>: look up the entry for a source file,
/// serve it when it is still current, otherwise compile, write atomically and serve the fresh result.
/// </summary>
/// <remarks>
/// Three forms are in play: the <em>input</em> (source bytes), the <em>storage</em> form written to disk and
/// the <em>output</em> form returned to the caller. The engine never references a compiler; the handler does.
/// Unlike bootsnap, an entry also records the files the source pulled in, and a moved timestamp is settled
/// by content: equal content revalidates the entry (rewritten by rename, never in place), other content is stale.
/// </remarks>
internal sealed class CompileCache<TOutput>
    where TOutput : class
{
    private readonly string _namespaceDirectory;
    private readonly ICacheHandler<TOutput> _handler;
    private readonly IEntryStore _store;
    private readonly CacheEvents _events;
    private readonly PathBase _base;
    private readonly ICompileStrategy _compile;

    /// <summary>An engine over parts composed elsewhere: <see cref="ScriptCacheBuilder"/> is the one place that does.</summary>
    /// <param name="namespaceDirectory">The directory of this cache's environment key, under the cache dir.</param>
    /// <param name="pathBase">What entry keys are relative to.</param>
    /// <param name="handler">Compiles and loads.</param>
    /// <param name="store">The entries, behind whatever tiers and mode the cache has.</param>
    /// <param name="events">Where events and durations go.</param>
    /// <param name="compile">How a miss under its gate is compiled.</param>
    public CompileCache(string namespaceDirectory, PathBase pathBase, ICacheHandler<TOutput> handler, IEntryStore store, CacheEvents events, ICompileStrategy compile)
    {
        ArgumentNullException.ThrowIfNull(namespaceDirectory);
        ArgumentNullException.ThrowIfNull(pathBase);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(compile);
        _namespaceDirectory = namespaceDirectory;
        _base = pathBase;
        _handler = handler;
        _store = store;
        _events = events;
        _compile = compile;
    }

    /// <summary>Where the entry of a script lives: in this cache's namespace directory.</summary>
    public string GetEntryPath(string path) => CachePath.GetEntryPath(_namespaceDirectory, _base.Key(KernelPath.GetFullPath(path)));

    /// <summary>Returns the output for a source file, from the cache when the entry is current.</summary>
    /// <exception cref="ScriptSourceException">The source cannot be opened or read.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; no entry was written.</exception>
    public TOutput Fetch(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var source = SourceFile.Open(KernelPath.GetFullPath(path));
        if (FetchUngated(source, cancellationToken, out var entryPath) is { } output)
        {
            return output;
        }

        return EntryGates.Run(
            entryPath,
            static (s, lease) => s.Cache.FetchGated(s.EntryPath, s.Source, lease, s.Token),
            (Cache: this, EntryPath: entryPath, Source: source, Token: cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// <see cref="Fetch"/>, with the wait for another caller's compile of the same entry asynchronous. The
    /// compile itself runs on the calling thread.
    /// </summary>
    /// <exception cref="ScriptSourceException">The source cannot be opened or read.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; no entry was written.</exception>
    public async ValueTask<TOutput> FetchAsync(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var source = SourceFile.Open(KernelPath.GetFullPath(path));
        if (FetchUngated(source, cancellationToken, out var entryPath) is { } output)
        {
            return output;
        }

        return await EntryGates.RunAsync(
            entryPath,
            static (s, lease) => s.Cache.FetchGated(s.EntryPath, s.Source, lease, s.Token),
            (Cache: this, EntryPath: entryPath, Source: source, Token: cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Everything a fetch can do without the entry's gate: serve a current entry or compile in memory when the
    /// cache may not be written. <see langword="null"/> means the entry must be compiled under its gate.
    /// </summary>
    private TOutput? FetchUngated(SourceFile source, CancellationToken cancellationToken, out string entryPath)
    {
        entryPath = CachePath.GetEntryPath(_namespaceDirectory, _base.Key(source.Path));
        var check = ServeCachedOrCheck(entryPath, source, lease: null, cancellationToken, out var served);
        if (check is null)
        {
            return served;
        }

        if (!check.MayWrite)
        {
            Raise(check.ToEvent(source.Path));
            return CompileInMemory(check.Input ?? source.ReadAll(), source.Path, cancellationToken);
        }

        return null;
    }

    /// <summary>Under the entry's gate: serve what another caller just wrote, or compile and store it.</summary>
    private TOutput FetchGated(string entryPath, SourceFile source, EntryLease lease, CancellationToken cancellationToken)
    {
        var check = ServeCachedOrCheck(entryPath, source, lease, cancellationToken, out var served);
        if (check is null)
        {
            return served;
        }

        Raise(check.ToEvent(source.Path));
        return _compile.Compile(new CompileMiss<TOutput>(this, entryPath, source, lease, check), cancellationToken);
    }

    /// <summary>
    /// Loads the entry another process has just written, as a hit would; <see langword="false"/> when there is no
    /// usable one.
    /// </summary>
    internal bool TryServeWritten(string entryPath, SourceFile source, EntryLease lease, out TOutput output)
    {
        var check = _store.Check(entryPath, source, lease);
        if (check.IsUsable && Load(check.Payload, source.Path, check.DependencyPaths).Value is { } loaded)
        {
            // The other process wrote the local entry only: the tiers beyond it are this caller's, which holds
            // the entry's gate (and the remote lock, when it took it).
            _store.Refresh(entryPath, source, check);
            _store.Share(entryPath, source, check);
            output = loaded;
            return true;
        }

        output = null!;
        return false;
    }

    /// <summary>
    /// Serves the entry when it is current and loadable and answers <see langword="null"/>; otherwise answers
    /// why not, without raising anything yet.
    /// </summary>
    private EntryCheck? ServeCachedOrCheck(string entryPath, SourceFile source, EntryLease? lease, CancellationToken cancellationToken, out TOutput output)
    {
        var check = _store.Check(entryPath, source, lease);
        if (!check.IsUsable)
        {
            output = null!;
            return check;
        }

        return TryServe(entryPath, source, check, cancellationToken, out output) ? null : EntryCheck.Stale(CacheSteps.LoadEntry, input: check.Input);
    }

    /// <summary>
    /// Loads a usable entry. <see langword="false"/> when the handler cannot load the stored form, which makes
    /// the entry stale.
    /// </summary>
    private bool TryServe(string entryPath, SourceFile source, EntryCheck check, CancellationToken cancellationToken, out TOutput output)
    {
        var cached = Load(check.Payload, source.Path, check.DependencyPaths);
        if (cached.IsUncompilable)
        {
            // The entry is fine but cannot be used in this process: compile in memory, keep the entry.
            Raise(new CacheEvent(CacheEventKind.Uncompilable, source.Path));
            output = CompileInMemory(check.Input ?? source.ReadAll(), source.Path, cancellationToken);
            return true;
        }

        if (cached.Value is null)
        {
            output = null!;
            return false;
        }

        Raise(check.ToEvent(source.Path));
        if (check.Kind == CacheEventKind.Hit)
        {
            _store.RecordUse(entryPath, check.LastAccessTicks);
        }

        _store.Refresh(entryPath, source, check);
        output = cached.Value;
        return true;
    }

    /// <summary>Compiles, writes the entry and loads it: bootsnap's regeneration path.</summary>
    /// <remarks>
    /// Cancellation can stop the compile but never the write that follows it: an entry is written whole or
    /// not at all, and a compile that finished is worth keeping.
    /// </remarks>
    internal TOutput CompileAndStore(string entryPath, SourceFile source, byte[] input, CancellationToken cancellationToken)
    {
        var fullPath = source.Path;
        var storage = Compile(input, fullPath, cancellationToken);
        if (storage.IsUncompilable || storage.Value is null)
        {
            Raise(new CacheEvent(CacheEventKind.Uncompilable, fullPath));
            return CompileInMemory(input, fullPath, cancellationToken);
        }

        // A failure to persist never fails the fetch: it is better to move along than to stop the host.
        var written = _store.TryWrite(entryPath, source, input, storage.Value);

        var output = Load(storage.Value.Payload, fullPath, [.. storage.Value.Dependencies.Select(d => d.Path)]);
        if (output.Value is not null)
        {
            return output.Value;
        }

        if (!output.IsUncompilable && written)
        {
            // The handler cannot load what it just produced: drop the entry so no one else tries.
            try
            {
                CacheFile.Delete(entryPath);
            }
            catch (CacheIOException e)
            {
                Raise(new CacheEvent(CacheEventKind.WriteFailed, fullPath, e.Step, e));
            }
        }

        return CompileInMemory(input, fullPath, cancellationToken);
    }

    /// <summary>
    /// Brings the entry for a source file up to date without loading anything.
    /// </summary>
    /// <returns><see langword="true"/> when a current entry exists afterwards; <see langword="false"/> when the
    /// source is uncompilable, the entry could not be written, or the mode forbids writing it.</returns>
    /// <exception cref="ScriptSourceException">The source cannot be opened or read.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; no entry was written.</exception>
    public bool Precompile(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var source = SourceFile.Open(KernelPath.GetFullPath(path));
        if (PrecompileUngated(source, out var entryPath) is { } done)
        {
            return done;
        }

        return EntryGates.Run(
            entryPath,
            static (s, lease) => s.Cache.PrecompileGated(s.EntryPath, s.Source, lease, s.Token),
            (Cache: this, EntryPath: entryPath, Source: source, Token: cancellationToken),
            cancellationToken);
    }

    /// <summary><see cref="Precompile"/>, with the wait for another caller's compile of the same entry asynchronous.</summary>
    /// <exception cref="ScriptSourceException">The source cannot be opened or read.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; no entry was written.</exception>
    public async ValueTask<bool> PrecompileAsync(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var source = SourceFile.Open(KernelPath.GetFullPath(path));
        if (PrecompileUngated(source, out var entryPath) is { } done)
        {
            return done;
        }

        return await EntryGates.RunAsync(
            entryPath,
            static (s, lease) => s.Cache.PrecompileGated(s.EntryPath, s.Source, lease, s.Token),
            (Cache: this, EntryPath: entryPath, Source: source, Token: cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer when no compile is needed or allowed; <see langword="null"/> to compile under the gate.</summary>
    private bool? PrecompileUngated(SourceFile source, out string entryPath)
    {
        entryPath = CachePath.GetEntryPath(_namespaceDirectory, _base.Key(source.Path));
        var check = _store.Check(entryPath, source, lease: null);
        if (check.IsUsable)
        {
            Raise(check.ToEvent(source.Path));
            return RefreshAndShare(entryPath, source, check);
        }

        if (!check.MayWrite)
        {
            Raise(check.ToEvent(source.Path));
            return false;
        }

        return null;
    }

    private bool PrecompileGated(string entryPath, SourceFile source, EntryLease lease, CancellationToken cancellationToken)
    {
        // Checked again: another caller may have written the entry while this one waited.
        var check = _store.Check(entryPath, source, lease);
        Raise(check.ToEvent(source.Path));
        if (check.IsUsable)
        {
            return RefreshAndShare(entryPath, source, check);
        }

        if (!check.MayWrite)
        {
            return false;
        }

        var input = check.Input ?? source.ReadAll();
        var storage = Compile(input, source.Path, cancellationToken);
        if (storage.IsUncompilable || storage.Value is null)
        {
            Raise(new CacheEvent(CacheEventKind.Uncompilable, source.Path));
            return false;
        }

        return _store.TryWrite(entryPath, source, input, storage.Value);
    }

    /// <summary>A precompile's current entry: brought up to date, then shared as a fresh one would be.</summary>
    private bool RefreshAndShare(string entryPath, SourceFile source, EntryCheck check)
    {
        if (!_store.Refresh(entryPath, source, check))
        {
            return false;
        }

        _store.Share(entryPath, source, check);
        return true;
    }

    internal void Raise(CacheEvent? cacheEvent) => _events.Raise(cacheEvent);

    private HandlerResult<CompiledStorage> Compile(byte[] input, string path, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var storage = _handler.InputToStorage(input, path, cancellationToken);
        CacheTelemetry.Compiled(start, _events.Counts, _events.Meter);
        return storage;
    }

    private TOutput CompileInMemory(byte[] input, string path, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var output = _handler.InputToOutput(input, path, cancellationToken);
        CacheTelemetry.Compiled(start, _events.Counts, _events.Meter);
        return output;
    }

    private HandlerResult<TOutput> Load(ReadOnlyMemory<byte> storage, string path, IReadOnlyList<string> dependencyPaths)
    {
        var start = Stopwatch.GetTimestamp();
        var output = _handler.StorageToOutput(storage, path, dependencyPaths);
        CacheTelemetry.Loaded(start, _events.Counts, _events.Meter);
        return output;
    }
}
