using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using PluginHost.Contracts;
using RoslynBootsnap;

namespace PluginHost;

/// <summary>
/// Loads every <c>*.csx</c> in a folder as a plugin through the compile cache, and swaps one for its new
/// version on change. A failed new version never replaces a working old one.
/// </summary>
public sealed class PluginManager : IDisposable
{
    private readonly Dictionary<string, LoadedPlugin> _plugins = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ScriptCacheOptions _options;
    private readonly PluginContext _context;

    public PluginManager(string pluginDirectory, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(pluginDirectory);
        PluginDirectory = Path.GetFullPath(pluginDirectory);
        _context = new PluginContext(Path.Combine(PluginDirectory, "data"));

        // Naming IPlugin here loads the contract into the host's context before any script asks for it,
        // so scripts bind to the host's copy and their objects cast to the host's IPlugin.
        _options = new ScriptCacheOptions
        {
            CacheDirectory = cacheDirectory,
            References = [typeof(IPlugin).Assembly.Location],
            Imports = [typeof(IPlugin).Namespace!],
        };
    }

    public string PluginDirectory { get; }

    /// <summary>The running plugins, by file name.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins
    {
        get
        {
            _gate.Wait();
            try
            {
                return [.. _plugins.Values.OrderBy(p => p.Path, StringComparer.Ordinal)];
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Whether a path is a plugin (a <c>.csx</c> directly in the plugin folder) rather than a shared helper.</summary>
    public bool IsPlugin(string path) =>
        string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), PluginDirectory, StringComparison.Ordinal)
        && path.EndsWith(".csx", StringComparison.Ordinal);

    /// <summary>Loads every plugin in the folder, in name order.</summary>
    public async Task<IReadOnlyList<PluginLoadReport>> LoadAllAsync()
    {
        var reports = new List<PluginLoadReport>();
        foreach (var path in Directory.GetFiles(PluginDirectory, "*.csx").Order(StringComparer.Ordinal))
        {
            reports.Add(await ReloadAsync(path).ConfigureAwait(false));
        }

        return reports;
    }

    /// <summary>
    /// Reacts to changed files: a changed plugin reloads, a deleted one unloads, and a changed helper
    /// (a <c>#load</c>ed file elsewhere under the folder) reloads every plugin, since any may use it; the
    /// cache recompiles only those whose dependencies really changed.
    /// </summary>
    public async Task<IReadOnlyList<PluginLoadReport>> ApplyChangesAsync(IEnumerable<string> changedPaths)
    {
        ArgumentNullException.ThrowIfNull(changedPaths);
        var changed = changedPaths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        var targets = changed.Any(p => !IsPlugin(p))
            ? [.. Directory.GetFiles(PluginDirectory, "*.csx"), .. changed.Where(IsPlugin)]
            : changed;

        var reports = new List<PluginLoadReport>();
        foreach (var path in targets.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            reports.Add(File.Exists(path) ? await ReloadAsync(path).ConfigureAwait(false) : await RemoveAsync(path).ConfigureAwait(false));
        }

        return reports;
    }

    /// <summary>Loads a plugin's current version and, only if that worked, unloads the version it replaces.</summary>
    public async Task<PluginLoadReport> ReloadAsync(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var outcome = "compiled";
            var options = _options with
            {
                OnEvent = e =>
                {
                    if (e.Kind is not CacheEventKind.WriteFailed)
                    {
                        outcome = e.Name;
                    }
                },
            };

            var clock = Stopwatch.StartNew();
            LoadedPlugin fresh;
            try
            {
                fresh = await LoadAsync(fullPath, options).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Whatever went wrong with the new version, the old one keeps running.
                var error = e is ScriptCompilationException or ScriptSourceException or PluginContractException
                    ? e.Message
                    : $"{e.GetType().FullName}: {e.Message}";
                return new PluginLoadReport(fullPath, Existing(fullPath)?.Plugin.Name, outcome, clock.Elapsed, Error: error);
            }

            var elapsed = clock.Elapsed;
            var output = RunPlugin(fresh);
            var old = Swap(fullPath, fresh);
            return new PluginLoadReport(fullPath, fresh.Plugin.Name, outcome, elapsed, output, OldContext: old);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Unloads a plugin whose file is gone.</summary>
    public async Task<PluginLoadReport> RemoveAsync(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var name = Existing(fullPath)?.Plugin.Name;
            return new PluginLoadReport(fullPath, name, "removed", TimeSpan.Zero, OldContext: Swap(fullPath, null));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs garbage collections until the context is gone, at most <paramref name="maxCollections"/> times.
    /// Unloading finishes on the finalizer thread, so it takes more than one.
    /// </summary>
    /// <returns>The number of collections it took, or <see langword="null"/> when something still holds the context.</returns>
    public static async Task<int?> WaitForCollectionAsync(WeakReference context, int maxCollections = 10)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var i = 1; i <= maxCollections; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (!context.IsAlive)
            {
                return i;
            }

            await Task.Yield();
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var plugin in _plugins.Values)
        {
            plugin.Script.Unload();
        }

        _plugins.Clear();
        _gate.Dispose();
    }

    private static async Task<LoadedPlugin> LoadAsync(string path, ScriptCacheOptions options)
    {
        var script = ScriptCache.Load(path, options);
        object? result;
        try
        {
            result = await script.RunAsync().ConfigureAwait(false);
        }
        catch
        {
            script.Unload();
            throw;
        }

        if (result is IPlugin plugin)
        {
            return new LoadedPlugin(path, script, plugin);
        }

        script.Unload();
        throw new PluginContractException(
            $"{path}: the script's final expression must be an {nameof(IPlugin)}, not {result?.GetType().Name ?? "nothing"}.");
    }

    private string RunPlugin(LoadedPlugin plugin)
    {
        try
        {
            return plugin.Plugin.Run(_context);
        }
        catch (Exception e)
        {
            return $"failed: {e.GetType().Name}: {e.Message}";
        }
    }

    private LoadedPlugin? Existing(string path) => _plugins.GetValueOrDefault(path);

    /// <summary>Puts the new version in place and unloads the old one; kept apart so no local outlives the swap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference? Swap(string path, LoadedPlugin? fresh)
    {
        if (!_plugins.Remove(path, out var old))
        {
            old = null;
        }

        if (fresh is not null)
        {
            _plugins[path] = fresh;
        }

        if (old is null)
        {
            return null;
        }

        var context = new WeakReference(AssemblyLoadContext.GetLoadContext(old.Script.Assembly));
        old.Script.Unload();
        return context;
    }
}
