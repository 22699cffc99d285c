namespace PluginHost;

/// <summary>
/// Watches the plugin folder and hands over the changed paths once the folder has been quiet for a moment:
/// editors save in bursts (write, truncate, rename a temp file over the original), and one reload per
/// save is what a person expects.
/// </summary>
public sealed class PluginWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;
    private readonly TimeSpan _quietPeriod;
    private readonly Func<IReadOnlyCollection<string>, Task> _onChanges;
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _delivering = new(1, 1);

    public PluginWatcher(string directory, TimeSpan quietPeriod, Func<IReadOnlyCollection<string>, Task> onChanges)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(onChanges);
        _quietPeriod = quietPeriod;
        _onChanges = onChanges;
        _timer = new Timer(_ => _ = DeliverAsync());
        _watcher = new FileSystemWatcher(directory, "*.csx")
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, e) => Schedule(e.FullPath);
        _watcher.Created += (_, e) => Schedule(e.FullPath);
        _watcher.Deleted += (_, e) => Schedule(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            Schedule(e.OldFullPath);
            Schedule(e.FullPath);
        };
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
        _delivering.Dispose();
    }

    private void Schedule(string path)
    {
        if (!path.EndsWith(".csx", StringComparison.Ordinal))
        {
            return;
        }

        lock (_pending)
        {
            _pending.Add(path);

            // Every event restarts the quiet period, so a burst is delivered once, after its last write.
            _timer.Change(_quietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task DeliverAsync()
    {
        // One batch at a time: changes that arrive meanwhile wait for the next quiet period.
        await _delivering.WaitAsync().ConfigureAwait(false);
        try
        {
            string[] batch;
            lock (_pending)
            {
                batch = [.. _pending];
                _pending.Clear();
            }

            if (batch.Length > 0)
            {
                await _onChanges(batch).ConfigureAwait(false);
            }
        }
        finally
        {
            _delivering.Release();
        }
    }
}
