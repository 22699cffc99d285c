using System.IO.Hashing;

namespace RoslynBootsnap.Caching;

/// <summary>
/// The port of bootsnap's <c>bs_fetch</c> and <c>bs_precompile</c>: look up the entry for a source file,
/// serve it when its key still matches, otherwise compile, write atomically and serve the fresh result.
/// </summary>
/// <remarks>
/// Three forms are in play: the <em>input</em> (source bytes), the <em>storage</em> form written to disk and
/// the <em>output</em> form returned to the caller. The engine never references a compiler; the handler does.
/// </remarks>
internal sealed class CompileCache<TOutput>
    where TOutput : class
{
    private readonly string _cacheDirectory;
    private readonly ICacheHandler<TOutput> _handler;
    private readonly Action<CacheEvent>? _onEvent;
    private readonly CacheMode _mode;
    private readonly CacheHeader _environmentKey;

    public CompileCache(
        string cacheDirectory,
        ICacheHandler<TOutput> handler,
        Action<CacheEvent>? onEvent = null,
        CacheMode mode = CacheMode.ReadWrite,
        uint schemaVersion = CacheHeader.CurrentVersion)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _cacheDirectory = CachePath.NormalizeCacheDirectory(cacheDirectory);
        _handler = handler;
        _onEvent = onEvent;
        _mode = mode;
        _environmentKey = new CacheHeader(
            schemaVersion,
            CacheEnvironment.Platform,
            handler.CompileOptions,
            CacheEnvironment.RuntimeRevision(handler.CompilerRevision),
            SourceSize: 0,
            SourceMtimeTicks: 0,
            DataSize: 0,
            ContentDigest: 0,
            PayloadChecksum: 0,
            DependencyDigest: 0);
    }

    public string CacheDirectory => _cacheDirectory;

    public string GetEntryPath(string path) => CachePath.GetEntryPath(_cacheDirectory, Path.GetFullPath(path));

    /// <summary>Returns the output for a source file, from the cache when the entry is valid.</summary>
    /// <exception cref="ScriptSourceException">The source cannot be opened or read.</exception>
    public TOutput Fetch(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var entryPath = CachePath.GetEntryPath(_cacheDirectory, fullPath);
        using var source = SourceFile.Open(fullPath);
        if (_mode == CacheMode.Disabled)
        {
            return _handler.InputToOutput(source.ReadAll(), fullPath);
        }

        var current = KeyFor(source);
        var lookup = Lookup(entryPath, fullPath, current, out var entry);
        if (lookup.Kind == CacheEventKind.Hit)
        {
            var cached = _handler.StorageToOutput(entry.AsMemory(CacheHeader.Size), fullPath);
            if (cached.IsUncompilable)
            {
                // The entry is fine but cannot be used in this process: compile in memory, keep the entry.
                Raise(new CacheEvent(CacheEventKind.Uncompilable, fullPath));
                return _handler.InputToOutput(source.ReadAll(), fullPath);
            }

            if (cached.Value is not null)
            {
                Raise(new CacheEvent(CacheEventKind.Hit, fullPath));
                return cached.Value;
            }

            lookup = new CacheEvent(CacheEventKind.Stale, fullPath, "load-entry");
        }

        Raise(lookup);

        var input = source.ReadAll();
        if (_mode == CacheMode.ReadOnly)
        {
            return _handler.InputToOutput(input, fullPath);
        }

        var storage = _handler.InputToStorage(input, fullPath);
        if (storage.IsUncompilable || storage.Value is null)
        {
            Raise(new CacheEvent(CacheEventKind.Uncompilable, fullPath));
            return _handler.InputToOutput(input, fullPath);
        }

        // A failure to persist never fails the fetch: it is better to move along than to stop the host.
        var written = TryWrite(entryPath, current, input, storage.Value, fullPath);

        var output = _handler.StorageToOutput(storage.Value, fullPath);
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

        return _handler.InputToOutput(input, fullPath);
    }

    /// <summary>
    /// Brings the entry for a source file up to date without loading anything.
    /// </summary>
    /// <returns><see langword="true"/> when a valid entry exists afterwards; <see langword="false"/> when the
    /// source is uncompilable, the entry could not be written, or the mode forbids writing it.</returns>
    /// <exception cref="ScriptSourceException">The source cannot be opened or read.</exception>
    public bool Precompile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var entryPath = CachePath.GetEntryPath(_cacheDirectory, fullPath);
        using var source = SourceFile.Open(fullPath);
        if (_mode == CacheMode.Disabled)
        {
            return false;
        }

        var current = KeyFor(source);
        if (Lookup(entryPath, fullPath, current, out _).Kind == CacheEventKind.Hit)
        {
            return true;
        }

        if (_mode == CacheMode.ReadOnly)
        {
            return false;
        }

        var input = source.ReadAll();
        var storage = _handler.InputToStorage(input, fullPath);
        if (storage.IsUncompilable || storage.Value is null)
        {
            return false;
        }

        return TryWrite(entryPath, current, input, storage.Value, fullPath);
    }

    private CacheHeader KeyFor(SourceFile source) => _environmentKey with
    {
        SourceSize = (ulong)source.Size,
        SourceMtimeTicks = (ulong)source.MtimeTicks,
    };

    /// <summary>
    /// Reads and checks the entry. Answers a hit event with the entry bytes, or the miss or stale event
    /// to raise. Truncated, oversized or garbage entries are stale, never errors.
    /// </summary>
    private static CacheEvent Lookup(string entryPath, string fullPath, in CacheHeader current, out byte[] entry)
    {
        CacheReadStatus status;
        try
        {
            status = CacheFile.TryRead(entryPath, out entry);
        }
        catch (CacheIOException e)
        {
            entry = [];
            return new CacheEvent(CacheEventKind.Stale, fullPath, e.Step, e);
        }

        return status switch
        {
            CacheReadStatus.Missing => new CacheEvent(CacheEventKind.Miss, fullPath),
            CacheReadStatus.TooLarge => new CacheEvent(CacheEventKind.Stale, fullPath, "data-size"),
            _ => Validate(entry, current, fullPath),
        };
    }

    private static CacheEvent Validate(byte[] entry, in CacheHeader current, string fullPath)
    {
        if (entry.Length < CacheHeader.Size)
        {
            return new CacheEvent(CacheEventKind.Stale, fullPath, "read-header");
        }

        var cached = CacheHeader.Read(entry);
        if (!cached.KeyEquals(current))
        {
            return new CacheEvent(CacheEventKind.Stale, fullPath);
        }

        if (cached.DataSize != (ulong)(entry.Length - CacheHeader.Size))
        {
            return new CacheEvent(CacheEventKind.Stale, fullPath, "data-size");
        }

        if (XxHash3.HashToUInt64(entry.AsSpan(CacheHeader.Size)) != cached.PayloadChecksum)
        {
            return new CacheEvent(CacheEventKind.Stale, fullPath, "checksum");
        }

        return new CacheEvent(CacheEventKind.Hit, fullPath);
    }

    private bool TryWrite(string entryPath, in CacheHeader current, byte[] input, byte[] storage, string fullPath)
    {
        var header = current with
        {
            DataSize = (ulong)storage.Length,
            ContentDigest = XxHash3.HashToUInt64(input),
            PayloadChecksum = XxHash3.HashToUInt64(storage),
        };

        try
        {
            CacheFile.WriteAtomic(_cacheDirectory, entryPath, header, storage);
            return true;
        }
        catch (CacheIOException e)
        {
            Raise(new CacheEvent(CacheEventKind.WriteFailed, fullPath, e.Step, e));
            return false;
        }
    }

    private void Raise(CacheEvent cacheEvent) => _onEvent?.Invoke(cacheEvent);
}
