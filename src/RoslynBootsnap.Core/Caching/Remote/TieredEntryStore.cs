using System.Diagnostics;

namespace RoslynBootsnap.Caching.Remote;

/// <summary>
/// The local entries first, then the remote tier: a decorator over the file store, so the fetch path has no
/// branch for it. A local hit never touches the remote. On a local miss the remote value is verified (signature,
/// environment, script, every dependency) and written locally (backfill); a compile writes the local entry, then
/// the remote one. So that a fleet starting cold compiles each script once, the first host to miss takes a
/// short-lived lock in the store; the others wait, up to <see cref="RemoteSettings.LockWait"/>, for its upload.
/// </summary>
internal sealed class TieredEntryStore : IEntryStore
{
    private readonly IEntryStore _local;
    private readonly EntryValidator _validator;
    private readonly RemoteSettings _settings;
    private readonly CacheHeader _environmentKey;
    private readonly PathBase _base;
    private readonly Action<CacheEvent> _raise;
    private readonly Dictionary<string, string> _held = new(StringComparer.Ordinal);

    public TieredEntryStore(IEntryStore local, EntryValidator validator, RemoteSettings settings, CacheHeader environmentKey, PathBase pathBase, Action<CacheEvent> raise)
    {
        _local = local;
        _validator = validator;
        _settings = settings;
        _environmentKey = environmentKey;
        _base = pathBase;
        _raise = raise;
    }

    /// <summary>The largest remote value read: the largest entry taken, with its signature.</summary>
    private long MaxValueBytes => _settings.MaxEntryBytes + SignedValue.Overhead;

    /// <summary>How often a host waiting for another's upload looks for it.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromMilliseconds(20);

    public EntryCheck Check(string entryPath, SourceFile source, EntryLease? lease)
    {
        var check = _local.Check(entryPath, source, lease);
        if (check.IsUsable || !check.MayWrite || lease is null || !lease.Holds(entryPath))
        {
            // A miss outside the gate comes back under it: the remote is asked once, and threads of this process
            // that miss the same entry wait at the gate rather than on the store.
            return check;
        }

        if (_settings.Key is not { } key)
        {
            _raise(new CacheEvent(CacheEventKind.RemoteFailed, source.Path, CacheSteps.RemoteKey, new InvalidOperationException(_settings.KeyProblem)));
            return check;
        }

        var input = check.Input ?? source.ReadAll();
        var remoteKey = RemoteKey.For(_environmentKey, _base.Key(source.Path), input);
        try
        {
            var store = _settings.Connect();
            var value = store.Get(remoteKey, MaxValueBytes);
            if (value is null && !_settings.ReadOnly && store.TryLock(remoteKey + RemoteKey.LockSuffix, _settings.LockLifetime))
            {
                // Looked for again: the previous holder may have uploaded and unlocked between the first look and the lock.
                value = store.Get(remoteKey, MaxValueBytes);
                if (value is null)
                {
                    lock (_held)
                    {
                        _held[entryPath] = remoteKey;
                    }

                    // A compile that fails writes nothing: the lock goes with the gate, so no host waits on it.
                    lease.OnRelease(() => Release(store, entryPath));
                }
                else
                {
                    store.Unlock(remoteKey + RemoteKey.LockSuffix);
                }
            }
            else if (value is null)
            {
                value = WaitForUpload(store, remoteKey);
            }

            if (value is null)
            {
                _raise(new CacheEvent(CacheEventKind.RemoteMiss, source.Path));
                Count(store, "misses");
                return check;
            }

            var taken = Take(entryPath, source, input, remoteKey, key, value);
            Count(store, taken is null ? "misses" : "hits");
            return taken ?? check;
        }
        catch (RemoteStoreException e)
        {
            _raise(new CacheEvent(CacheEventKind.RemoteFailed, source.Path, e.Step, e));
            return check;
        }
    }

    public bool TryWrite(string entryPath, SourceFile source, byte[] input, CompiledStorage storage)
    {
        var written = _local.TryWrite(entryPath, source, input, storage);
        string? lockedKey = null;
        lock (_held)
        {
            _held.Remove(entryPath, out lockedKey);
        }

        if (_settings.ReadOnly || _settings.Key is not { } key)
        {
            return written;
        }

        var remoteKey = lockedKey ?? RemoteKey.For(_environmentKey, _base.Key(source.Path), input);
        try
        {
            var store = _settings.Connect();
            if (written && CacheFile.Read(entryPath, out var entry) == CacheReadStatus.Read)
            {
                store.Put(remoteKey, SignedValue.Seal(key, remoteKey, entry));
            }

            if (lockedKey is not null)
            {
                store.Unlock(remoteKey + RemoteKey.LockSuffix);
            }
        }
        catch (RemoteStoreException e) when (e.Step == CacheSteps.RemoteUnavailable)
        {
            // The failure that opened the breaker was reported by the lookup before this compile.
        }
        catch (Exception e) when (e is RemoteStoreException or CacheIOException)
        {
            _raise(new CacheEvent(CacheEventKind.RemoteFailed, source.Path, (e as RemoteStoreException)?.Step ?? CacheSteps.RemotePut, e));
        }

        return written;
    }

    /// <summary>Releases the entry's lock if this process still holds it: its compile ended without an upload.</summary>
    private void Release(IRemoteStore store, string entryPath)
    {
        string? remoteKey;
        lock (_held)
        {
            _held.Remove(entryPath, out remoteKey);
        }

        if (remoteKey is null)
        {
            return;
        }

        try
        {
            store.Unlock(remoteKey + RemoteKey.LockSuffix);
        }
        catch (RemoteStoreException)
        {
            // It lapses on its own.
        }
    }

    /// <summary>Counts a lookup fleet-wide, for <c>stats</c>; read-only hosts write nothing, counters included.</summary>
    private void Count(IRemoteStore store, string counter)
    {
        if (!_settings.ReadOnly)
        {
            store.Count(counter);
        }
    }

    public bool Refresh(string entryPath, SourceFile source, EntryCheck check) => _local.Refresh(entryPath, source, check);

    public void RecordUse(string entryPath, long lastAccessTicks) => _local.RecordUse(entryPath, lastAccessTicks);

    /// <summary>Uploads a current local entry, as a compile would have: <c>precompile --remote</c> over a warm cache.</summary>
    public void Share(string entryPath, SourceFile source, EntryCheck check)
    {
        _local.Share(entryPath, source, check);
        if (_settings.ReadOnly || _settings.Key is not { } key)
        {
            return;
        }

        var remoteKey = RemoteKey.For(_environmentKey, _base.Key(source.Path), check.Input ?? source.ReadAll());
        try
        {
            if (CacheFile.Read(entryPath, out var entry) == CacheReadStatus.Read)
            {
                _settings.Connect().Put(remoteKey, SignedValue.Seal(key, remoteKey, entry));
            }
        }
        catch (RemoteStoreException e) when (e.Step == CacheSteps.RemoteUnavailable)
        {
            // Reported once, when the breaker opened.
        }
        catch (Exception e) when (e is RemoteStoreException or CacheIOException)
        {
            _raise(new CacheEvent(CacheEventKind.RemoteFailed, source.Path, (e as RemoteStoreException)?.Step ?? CacheSteps.RemotePut, e));
        }
    }

    /// <summary>
    /// Another host holds the lock: wait for its upload while it holds it, up to the bound. <see langword="null"/>
    /// when it gave up, the bound passed, or no one is compiling.
    /// </summary>
    private byte[]? WaitForUpload(IRemoteStore store, string remoteKey)
    {
        var start = Stopwatch.GetTimestamp();
        while (store.IsLocked(remoteKey + RemoteKey.LockSuffix) && Stopwatch.GetElapsedTime(start) < _settings.LockWait)
        {
            Thread.Sleep(PollInterval);
            if (store.Get(remoteKey, MaxValueBytes) is { } value)
            {
                return value;
            }
        }

        return store.Get(remoteKey, MaxValueBytes);
    }

    /// <summary>
    /// Verifies a remote value with the same validator as the local entries and writes it locally.
    /// <see langword="null"/> (with an event) when it is refused, was compiled against other dependencies, or
    /// resolved a floating package version longer ago than the refresh interval: then this host resolves and
    /// compiles it again, as a local entry that old would be.
    /// </summary>
    private EntryCheck? Take(string entryPath, SourceFile source, byte[] input, string remoteKey, byte[] key, byte[] value)
    {
        if (SignedValue.Open(key, remoteKey, value, _settings.MaxEntryBytes, out var signed) is { } refused)
        {
            _raise(new CacheEvent(CacheEventKind.RemoteFailed, source.Path, refused, new InvalidDataException($"The value of '{remoteKey}' in {_settings.Description} was refused ({refused}).")));
            return null;
        }

        var check = _validator.Verify(signed.ToArray(), source, input, foreign: true, lastAccessTicks: 0);
        if (!check.IsUsable)
        {
            if (check.Step is CacheSteps.Dependency or CacheSteps.RefreshPackages)
            {
                // A sound entry, but not for the files here, or due to be resolved again.
                _raise(new CacheEvent(CacheEventKind.RemoteMiss, source.Path, check.Step));
            }
            else
            {
                _raise(new CacheEvent(CacheEventKind.RemoteFailed, source.Path, CacheSteps.RemoteEntry, new InvalidDataException($"The value of '{remoteKey}' in {_settings.Description} is no entry for this script ({check.Step}).")));
            }

            return null;
        }

        _raise(new CacheEvent(CacheEventKind.RemoteHit, source.Path));
        // Written as a revalidated entry is: the manifest as it came (its binding, and the resolution time of its
        // floating versions) with this host's timestamps. Served from memory whether or not the write works (a
        // full disk, say): it was verified above.
        _local.Refresh(entryPath, source, check);
        return check.Served();
    }
}
