namespace RoslynBootsnap;

/// <summary>One thing the cache did while fetching a script, delivered to <see cref="ScriptCacheOptions.OnEvent"/>.</summary>
public sealed class CacheEvent
{
    internal CacheEvent(CacheEventKind kind, string path, string? step = null, Exception? exception = null)
    {
        Kind = kind;
        Path = path;
        Step = step;
        Exception = exception;
    }

    /// <summary>What happened.</summary>
    public CacheEventKind Kind { get; }

    /// <summary>The full path of the script the event is about.</summary>
    public string Path { get; }

    /// <summary>
    /// For a stale entry, what did not match; for a failure, the step that failed. One of <see cref="CacheSteps"/>.
    /// </summary>
    public string? Step { get; }

    /// <summary>For failures, the underlying exception.</summary>
    public Exception? Exception { get; }

    /// <summary>The event's name as the command line prints it, such as <c>hit</c> or <c>write-failed</c>.</summary>
    public string Name => Kind switch
    {
        CacheEventKind.Hit => "hit",
        CacheEventKind.Miss => "miss",
        CacheEventKind.Stale => "stale",
        CacheEventKind.Revalidated => "revalidated",
        CacheEventKind.Uncompilable => "uncompilable",
        CacheEventKind.RemoteHit => "remote-hit",
        CacheEventKind.RemoteMiss => "remote-miss",
        CacheEventKind.RemoteFailed => "remote-failed",
        CacheEventKind.ServerFallback => "server-fallback",
        _ => "write-failed",
    };

    /// <inheritdoc />
    public override string ToString() => Step is null ? $"{Name} {Path}" : $"{Name} {Path} ({Step})";
}
