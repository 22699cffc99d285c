using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Caching;

/// <summary>
/// The verdict on one entry: usable as it is (hit), usable once its timestamps are refreshed (revalidated),
/// or not usable (miss, stale). Carries what validation already read so that nothing is read twice.
/// </summary>
internal sealed class EntryCheck
{
    private EntryCheck(CacheEventKind kind, string? step, Exception? exception)
    {
        Kind = kind;
        Step = step;
        Exception = exception;
    }

    public CacheEventKind Kind { get; }

    /// <summary>For a stale entry, what did not match or which read failed.</summary>
    public string? Step { get; }

    public Exception? Exception { get; }

    public bool IsUsable => Kind is CacheEventKind.Hit or CacheEventKind.Revalidated;

    /// <summary>False when the entry's directory is not ours: nothing may be written there.</summary>
    public bool MayWrite { get; private init; } = true;

    /// <summary>The source bytes, when validation had to read them.</summary>
    public byte[]? Input { get; private init; }

    /// <summary>The header as read from the entry.</summary>
    public CacheHeader Header { get; private init; }

    /// <summary>The whole entry file, when it was read.</summary>
    public byte[] Entry { get; private init; } = [];

    /// <summary>Where the handler's payload starts in <see cref="Entry"/>.</summary>
    public int PayloadOffset { get; private init; }

    /// <summary>For a revalidated entry, the manifest with the dependencies' current timestamps.</summary>
    public EntryManifest? RefreshedManifest { get; private init; }

    /// <summary>
    /// For a usable entry, each dependency where it was checked on this host, in manifest order: what the handler
    /// loads, so the files it loads are the files that were checked.
    /// </summary>
    public IReadOnlyList<string> DependencyPaths { get; private init; } = [];

    /// <summary>The entry's access time in UTC ticks as it was checked; 0 when unknown.</summary>
    public long LastAccessTicks { get; private init; }

    public ReadOnlyMemory<byte> Payload => Entry.AsMemory(PayloadOffset);

    public static EntryCheck Miss() => new(CacheEventKind.Miss, null, null);

    /// <summary>No entry was looked for: the cache is disabled. Compiled in memory, and no event says so.</summary>
    public static EntryCheck Bypassed() => new(CacheEventKind.Miss, null, null) { MayWrite = false, Silent = true };

    /// <summary>Whether the verdict raises no event.</summary>
    public bool Silent { get; private init; }

    /// <summary>The same verdict, for a store that may not be written: a stale or missing entry is compiled in memory.</summary>
    public EntryCheck WithoutWrite() => !MayWrite ? this : new(Kind, Step, Exception)
    {
        MayWrite = false,
        Silent = Silent,
        Input = Input,
        Header = Header,
        Entry = Entry,
        PayloadOffset = PayloadOffset,
        RefreshedManifest = RefreshedManifest,
        DependencyPaths = DependencyPaths,
        LastAccessTicks = LastAccessTicks,
    };

    /// <summary>
    /// The same usable verdict once the store has written its entry: a hit, raising no event (the store raised
    /// its own), so the entry is not written again.
    /// </summary>
    public EntryCheck Served() => new(CacheEventKind.Hit, null, null)
    {
        MayWrite = MayWrite,
        Silent = true,
        Input = Input,
        Header = Header,
        Entry = Entry,
        PayloadOffset = PayloadOffset,
        DependencyPaths = DependencyPaths,
        LastAccessTicks = LastAccessTicks,
    };

    public static EntryCheck Stale(string step, Exception? exception = null, byte[]? input = null) =>
        new(CacheEventKind.Stale, step, exception) { Input = input };

    /// <summary>An entry that is not loaded because it, or the directory it is in (<paramref name="what"/>), is not trusted.</summary>
    public static EntryCheck Untrusted(TrustProblem problem, string what, string path, bool mayWrite) =>
        new(CacheEventKind.Stale, problem.Step, new IOException($"The {what} '{path}' {problem.Reason}; the entry is not loaded.")) { MayWrite = mayWrite };

    public static EntryCheck Usable(
        CacheHeader header,
        byte[] entry,
        int payloadOffset,
        byte[]? input,
        EntryManifest? refreshedManifest,
        IReadOnlyList<string> dependencyPaths,
        bool refresh,
        long lastAccessTicks) =>
        new(refresh ? CacheEventKind.Revalidated : CacheEventKind.Hit, null, null)
        {
            Header = header,
            Entry = entry,
            PayloadOffset = payloadOffset,
            Input = input,
            RefreshedManifest = refreshedManifest,
            DependencyPaths = dependencyPaths,
            LastAccessTicks = lastAccessTicks,
        };

    public CacheEvent? ToEvent(string path) => Silent ? null : new(Kind, path, Step, Exception);
}
