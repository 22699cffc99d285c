namespace RoslynBootsnap.Tests.Support;

/// <summary>Collects cache events so tests can assert exact sequences.</summary>
internal sealed class EventLog
{
    private readonly List<CacheEvent> _events = [];

    public void Add(CacheEvent cacheEvent)
    {
        lock (_events)
        {
            _events.Add(cacheEvent);
        }
    }

    public IReadOnlyList<CacheEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<CacheEventKind> Kinds => [.. Events.Select(e => e.Kind)];

    /// <summary>Returns the kinds seen so far and starts a new sequence.</summary>
    public IReadOnlyList<CacheEventKind> Take()
    {
        lock (_events)
        {
            var kinds = _events.Select(e => e.Kind).ToList();
            _events.Clear();
            return kinds;
        }
    }
}
