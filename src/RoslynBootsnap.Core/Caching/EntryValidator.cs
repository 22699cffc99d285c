using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Caching;

/// <summary>
/// Decides whether an entry is current for a source file: the directories and the entry are trusted, the header
/// matches the environment and the source, the data is whole, and every dependency is what it was. Reads, never
/// writes: what to do about the verdict is the cache's business.
/// </summary>
internal sealed class EntryValidator
{
    private readonly string _cacheDirectory;
    private readonly string _namespaceDirectory;
    private readonly CacheHeader _environmentKey;
    private readonly ValidationMode _validation;
    private readonly OwnerTrust _trustedOwners;
    private readonly PathBase _base;

    /// <summary>How long a floating package version is served before it is resolved again, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromDays(1);

    private readonly TimeSpan _refreshInterval;

    /// <summary>The clock a floating version's age is measured against.</summary>
    private readonly TimeProvider _time;

    /// <summary>This host's compiler identity, asked for only once an entry gets that far; 0 when it has no compiler.</summary>
    private readonly Func<ulong> _compiler;

    public EntryValidator(
        string cacheDirectory,
        string namespaceDirectory,
        CacheHeader environmentKey,
        ValidationMode validation,
        OwnerTrust trustedOwners,
        PathBase? pathBase = null,
        TimeSpan? refreshInterval = null,
        TimeProvider? time = null,
        Func<ulong>? compiler = null)
    {
        _time = time ?? TimeProvider.System;
        _compiler = compiler ?? (static () => 0);
        _base = pathBase ?? PathBase.None;
        _refreshInterval = refreshInterval ?? DefaultRefreshInterval;
        _cacheDirectory = cacheDirectory;
        _namespaceDirectory = namespaceDirectory;
        _environmentKey = environmentKey;
        _validation = validation;
        _trustedOwners = trustedOwners;
    }

    /// <summary>
    /// Decides whether the entry is current. Reads the entry once; in <see cref="ValidationMode.Full"/> it also
    /// reads the source and every <c>#load</c>ed file once to compare digests. Truncated, oversized or garbage
    /// entries are stale, never errors.
    /// </summary>
    public EntryCheck Check(string entryPath, SourceFile source)
    {
        var shard = Path.GetDirectoryName(entryPath)!;
        if (FileTrust.CheckDirectory(_cacheDirectory, _trustedOwners) is { } rootProblem)
        {
            return EntryCheck.Untrusted(rootProblem, "cache directory", _cacheDirectory, mayWrite: false);
        }

        if (FileTrust.CheckDirectory(_namespaceDirectory, _trustedOwners) is { } namespaceProblem)
        {
            return EntryCheck.Untrusted(namespaceProblem, "cache directory", _namespaceDirectory, mayWrite: false);
        }

        if (FileTrust.CheckDirectory(shard, _trustedOwners) is { } shardProblem)
        {
            return EntryCheck.Untrusted(shardProblem, "cache directory", shard, mayWrite: false);
        }

        byte[] entry;
        FileStatus entryStatus;
        bool entryStatusKnown;
        try
        {
            var status = CacheFile.Read(entryPath, out entry, out entryStatus);
            if (status == CacheReadStatus.Missing)
            {
                return EntryCheck.Miss();
            }

            // Trust is judged on the file that was opened (without following a link), so nothing can be swapped
            // in between the check and the read. The directory is trusted, so the entry is ours to replace.
            entryStatusKnown = entryStatus.Mode != 0;
            var entryProblem = status == CacheReadStatus.SymbolicLink ? TrustProblem.Link
                : entryStatusKnown ? FileTrust.Judge(entryStatus, _trustedOwners)
                : FileTrust.Check(entryPath, _trustedOwners, out entryStatus, out entryStatusKnown);
            if (entryProblem is not null)
            {
                return EntryCheck.Untrusted(entryProblem, "cache entry", entryPath, mayWrite: true);
            }

            if (status == CacheReadStatus.TooLarge)
            {
                return EntryCheck.Stale(CacheSteps.DataSize);
            }
        }
        catch (CacheIOException e)
        {
            return EntryCheck.Stale(e.Step, e);
        }

        return Verify(entry, source, input: null, foreign: false, entryStatusKnown ? entryStatus.AccessTicks : 0);
    }

    /// <summary>
    /// Decides whether entry bytes, read from this cache or taken from another host, are current for the source
    /// here: the header matches the environment and the source, the data is whole, the entry was keyed for this
    /// script under this base, and every dependency is what it was, a floating package version included (it
    /// serves until the refresh interval has passed since it was resolved, wherever that was). A
    /// <paramref name="foreign"/> entry's timestamps are another host's: the source and every dependency are
    /// proven by content, and the verdict is revalidated, with this host's timestamps in its manifest, so that
    /// writing it keeps the resolution time of its floating versions instead of starting their interval again.
    /// </summary>
    /// <param name="entry">The whole entry, header first.</param>
    /// <param name="source">The script.</param>
    /// <param name="input">The source bytes, when the caller has read them already.</param>
    /// <param name="foreign">Whether the entry comes from another host (the remote tier).</param>
    /// <param name="lastAccessTicks">The entry file's access time, for the verdict; 0 when unknown.</param>
    public EntryCheck Verify(byte[] entry, SourceFile source, byte[]? input, bool foreign, long lastAccessTicks)
    {
        if (entry.Length < CacheHeader.Size)
        {
            return EntryCheck.Stale(CacheSteps.ReadHeader, input: input);
        }

        var header = CacheHeader.Read(entry);
        if (!header.EnvironmentEquals(_environmentKey))
        {
            return EntryCheck.Stale(CacheSteps.Environment, input: input);
        }

        if (header.SourceSize != (ulong)source.Size)
        {
            return EntryCheck.Stale(CacheSteps.SourceSize, input: input);
        }

        if (EntryLayout.CheckData(entry, header, out var manifest, out var manifestLength) is { } broken)
        {
            return EntryCheck.Stale(broken, input: input);
        }

        if (!string.Equals(manifest.SourcePath, _base.Key(source.Path), StringComparison.Ordinal))
        {
            return EntryCheck.Stale(CacheSteps.SourcePath, input: input);
        }

        if (manifest.Compiler != 0 && _compiler() is var compiler && compiler != 0 && compiler != manifest.Compiler)
        {
            // Another compiler's entry: a host without one serves it (it cannot do better), one with a compiler
            // compiles again, as the compiler it ships may fix what the other one got wrong.
            return EntryCheck.Stale(CacheSteps.Compiler, input: input);
        }

        if (!_base.Admits(manifest.Binding))
        {
            // Compiled under another base, and a relative #load or #r of it reached outside that base: here the
            // same name may reach another file, which the manifest does not record.
            return EntryCheck.Stale(CacheSteps.Dependency, input: input);
        }

        var sourceMoved = foreign || header.SourceMtimeTicks != (ulong)source.MtimeTicks;
        if (sourceMoved || _validation == ValidationMode.Full)
        {
            input ??= source.ReadAll();
            if (FileDigest.OfBytes(input) != header.ContentDigest)
            {
                return EntryCheck.Stale(CacheSteps.SourceContent, input: input);
            }
        }

        Dependency[]? refreshed = null;
        // A dependency under the base is recorded relatively and checked where the base is now; the handler loads
        // what is checked here, from these very paths.
        var paths = new string[manifest.Dependencies.Count];
        for (var i = 0; i < manifest.Dependencies.Count; i++)
        {
            var recorded = manifest.Dependencies[i];
            if (recorded.Kind == DependencyKind.Refresh)
            {
                // A floating version is served as resolved until the interval has passed, then resolved again:
                // its time is when it was resolved, so a copy of the entry on another host expires with it.
                paths[i] = recorded.Path;
                if (_time.GetUtcNow().UtcTicks - recorded.MtimeTicks >= _refreshInterval.Ticks)
                {
                    return EntryCheck.Stale(CacheSteps.RefreshPackages, input: input);
                }

                continue;
            }

            paths[i] = _base.Resolve(recorded.Path);
            if (!TryCheckDependency(recorded, paths[i], foreign, out var current))
            {
                return EntryCheck.Stale(CacheSteps.Dependency, input: input);
            }

            if (current != recorded)
            {
                refreshed ??= [.. manifest.Dependencies];
                refreshed[i] = current;
            }
        }

        var refreshedManifest = refreshed is null ? null : new EntryManifest(manifest.SourcePath, refreshed, manifest.Binding, manifest.Compiler);
        return EntryCheck.Usable(header, entry, CacheHeader.Size + manifestLength, input, refreshedManifest, paths, sourceMoved || refreshed is not null, lastAccessTicks);
    }

    /// <summary>
    /// Checks one dependency against the file at <paramref name="path"/>, where it is on this host, by content when
    /// it is <paramref name="foreign"/>. <paramref name="current"/> is the dependency with
    /// today's timestamp when only the timestamp moved; <see langword="false"/> means the entry is stale.
    /// </summary>
    private bool TryCheckDependency(Dependency recorded, string path, bool foreign, out Dependency current)
    {
        current = recorded;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != recorded.Size)
            {
                return false;
            }

            var mtime = info.LastWriteTimeUtc.Ticks;
            var moved = mtime != recorded.MtimeTicks;
            // Full validation proves every dependency by content on every load: a #r assembly rebuilt at the same
            // size with its mtime put back would otherwise run the script's inlined constants against new code.
            // Another host's timestamps say nothing about the files here.
            var mustRead = moved || foreign || _validation == ValidationMode.Full;
            if (mustRead)
            {
                var digest = recorded.Kind == DependencyKind.Source
                    ? FileDigest.OfFile(path)
                    : FileDigest.OfAssembly(path);
                if (digest != recorded.Digest)
                {
                    return false;
                }
            }

            current = recorded with { MtimeTicks = mtime };
            return true;
        }
        catch (Exception e) when (FileFault.IsFileError(e) || e is BadImageFormatException)
        {
            return false;
        }
    }
}
