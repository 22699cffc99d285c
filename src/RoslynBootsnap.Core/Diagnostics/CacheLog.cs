using Microsoft.Extensions.Logging;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// Cache events as log messages. A hit is logged at <see cref="LogLevel.Trace"/>, so a host with default
/// logging logs nothing on the warm path.
/// </summary>
internal static partial class CacheLog
{
    /// <summary>The category of the logger a cache creates from a host's logger factory.</summary>
    public const string CategoryName = "RoslynBootsnap";

    /// <summary>The event sink that logs each event, then hands it to the host's callback, if any.</summary>
    public static Action<CacheEvent> Sink(ILogger logger, Action<CacheEvent>? callback) => e =>
    {
        Write(logger, e);
        callback?.Invoke(e);
    };

    public static void Write(ILogger logger, CacheEvent cacheEvent)
    {
        switch (cacheEvent.Kind)
        {
            case CacheEventKind.Hit:
                Hit(logger, cacheEvent.Path);
                break;
            case CacheEventKind.WriteFailed:
                WriteFailed(logger, cacheEvent.Path, cacheEvent.Step ?? "write", cacheEvent.Exception);
                break;
            case CacheEventKind.RemoteFailed:
                RemoteFailed(logger, cacheEvent.Path, cacheEvent.Step ?? string.Empty, cacheEvent.Exception);
                break;
            case CacheEventKind.Stale when TrustProblem.IsStep(cacheEvent.Step):
                Untrusted(logger, cacheEvent.Path, cacheEvent.Exception?.Message ?? cacheEvent.Step!);
                break;
            default:
                Changed(logger, cacheEvent.Name, cacheEvent.Path, cacheEvent.Step ?? string.Empty);
                break;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Trace, Message = "hit {Path}")]
    private static partial void Hit(ILogger logger, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Event} {Path} {Step}")]
    private static partial void Changed(ILogger logger, string @event, string path, string step);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "cache write failed for {Path} at {Step}; the script ran uncached")]
    private static partial void WriteFailed(ILogger logger, string path, string step, Exception? exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "cache entry for {Path} not trusted: {Reason}")]
    private static partial void Untrusted(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "remote tier failed for {Path} at {Step}; the script compiled or loaded locally")]
    private static partial void RemoteFailed(ILogger logger, string path, string step, Exception? exception);
}
