namespace RoslynBootsnap.Caching;

/// <summary>
/// Assembles entries, header, manifest and payload with their digests, and writes them atomically: a fresh
/// compile, or a revalidated entry with today's timestamps. A failure to write is an event, never an error: a
/// cache that cannot be written must not stop a script.
/// </summary>
internal sealed class EntryWriter
{
    private readonly string _cacheDirectory;
    private readonly CacheHeader _environmentKey;
    private readonly Action<CacheEvent> _raise;
    private readonly PathBase _base;

    /// <summary>The identity of the compiler whose entries this writes, recorded in each fresh one.</summary>
    private readonly Func<ulong> _compiler;

    public EntryWriter(string cacheDirectory, CacheHeader environmentKey, Action<CacheEvent> raise, PathBase? pathBase = null, Func<ulong>? compiler = null)
    {
        _compiler = compiler ?? (static () => 0);
        _base = pathBase ?? PathBase.None;
        _cacheDirectory = cacheDirectory;
        _environmentKey = environmentKey;
        _raise = raise;
    }

    /// <summary>
    /// Rewrites a revalidated entry with today's timestamps: a new file renamed over the old one, never an
    /// in-place write (bootsnap #471 and #474 came from rewriting headers in place).
    /// </summary>
    /// <returns>Whether a current entry exists afterwards.</returns>
    public bool Refresh(string entryPath, SourceFile source, EntryCheck check)
    {
        if (check.Kind != CacheEventKind.Revalidated)
        {
            return check.IsUsable;
        }

        var manifestLength = check.PayloadOffset - CacheHeader.Size;
        var manifest = check.RefreshedManifest?.Serialize() ?? check.Entry.AsSpan(CacheHeader.Size, manifestLength).ToArray();
        var header = check.Header with { SourceMtimeTicks = (ulong)source.MtimeTicks };
        return TryWrite(entryPath, source.Path, header, manifest, check.Payload.Span);
    }

    /// <summary>Writes a freshly compiled entry; <see langword="false"/> (with a write-failed event) when it cannot be.</summary>
    public bool TryWrite(string entryPath, SourceFile source, byte[] input, CompiledStorage storage)
    {
        var manifest = new EntryManifest(_base.Key(source.Path), _base.KeyAll(storage.Dependencies), _base.BindingFor(storage.RelativelyNamed), _compiler()).Serialize();
        var header = _environmentKey with
        {
            SourceSize = (ulong)source.Size,
            SourceMtimeTicks = (ulong)source.MtimeTicks,
            ContentDigest = FileDigest.OfBytes(input),
        };
        return TryWrite(entryPath, source.Path, header, manifest, storage.Payload);
    }

    private bool TryWrite(string entryPath, string fullPath, CacheHeader header, ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> payload)
    {
        var checksum = FileDigest.CreateIncremental();
        checksum.Append(manifest);
        checksum.Append(payload);
        header = header with
        {
            DataSize = (ulong)(manifest.Length + payload.Length),
            PayloadChecksum = checksum.GetCurrentHashAsUInt64(),
            DependencyDigest = FileDigest.OfBytes(manifest),
        };

        try
        {
            CacheFile.WriteAtomic(_cacheDirectory, entryPath, header, manifest, payload);
            return true;
        }
        catch (CacheIOException e)
        {
            _raise(new CacheEvent(CacheEventKind.WriteFailed, fullPath, e.Step, e));
            return false;
        }
    }
}
