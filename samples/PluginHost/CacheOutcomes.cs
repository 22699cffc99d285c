using System.Collections.Concurrent;
using RoslynBootsnap;

namespace PluginHost;

/// <summary>
/// What the cache last did for each script (hit, miss, stale...), fed by the cache's event callback, so the host
/// can report it per plugin while sharing one cache.
/// </summary>
public sealed class CacheOutcomes
{
    private readonly ConcurrentDictionary<string, string> _outcomes = new(StringComparer.Ordinal);

    /// <summary>The event callback to put in the cache's options.</summary>
    public void Record(CacheEvent cacheEvent)
    {
        ArgumentNullException.ThrowIfNull(cacheEvent);
        if (cacheEvent.Kind is not CacheEventKind.WriteFailed)
        {
            _outcomes[cacheEvent.Path] = cacheEvent.Name;
        }
    }

    /// <summary>Takes the last outcome recorded for a script, if any.</summary>
    public string? Take(string path) => _outcomes.TryRemove(path, out var outcome) ? outcome : null;
}
