using System.Diagnostics;
using System.Runtime.CompilerServices;
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
    private readonly ICompiledScriptCache _cache;
    private readonly CacheOutcomes _outcomes;
    private readonly PluginContext _context;
    private readonly TextWriter _log;

    /// <summary>A manager with a cache of its own; <see cref="PluginHostServiceCollectionExtensions.AddPluginHost"/> shares one instead.</summary>
    /// <param name="pluginDirectory">The folder of plugins.</param>
    /// <param name="cacheDirectory">The cache dir; the default one when omitted.</param>
    /// <param name="log">Where warnings go; standard output when omitted.</param>
    public PluginManager(string pluginDirectory, string? cacheDirectory = null, TextWriter? log = null)
        : this(pluginDirectory, new CacheOutcomes(), cacheDirectory, log)
    {
    }

    /// <param name="pluginDirectory">The folder of plugins.</param>
    /// <param name="cache">The cache, built with <see cref="CacheOptions"/>.</param>
    /// <param name="outcomes">What the cache did per script: the options' event callback feeds it.</param>
    /// <param name="log">Where warnings go; standard output when omitted.</param>
    public PluginManager(string pluginDirectory, ICompiledScriptCache cache, CacheOutcomes outcomes, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(pluginDirectory);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(outcomes);
        _log = log ?? Console.Out;
        _cache = cache;
        _outcomes = outcomes;
        PluginDirectory = Path.GetFullPath(pluginDirectory);
        _context = new PluginContext(Path.Combine(PluginDirectory, "data"));
    }

    private PluginManager(string pluginDirectory, CacheOutcomes outcomes, string? cacheDirectory, TextWriter? log)
        : this(pluginDirectory, new ScriptCacheBuilder(CacheOptions(cacheDirectory, outcomes)).Build(), outcomes, log)
    {
    }

    /// <summary>The options plugins compile with: the contract referenced and imported, events fed to <paramref name="outcomes"/>.</summary>
    public static ScriptCacheOptions CacheOptions(string? cacheDirectory, CacheOutcomes outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);

        // Naming IPlugin here loads the contract into the host's context before any script asks for it,
        // so scripts bind to the host's copy and their objects cast to the host's IPlugin.
        return new ScriptCacheOptions
        {
            CacheDirectory = cacheDirectory,
            References = [typeof(IPlugin).Assembly.Location],
            Imports = [typeof(IPlugin).Namespace!],
            OnEvent = outcomes.Record,
        };
    }

    public string PluginDirectory { get; }

    /// <summary>How long to wait for a replaced or removed version's context to be collected before warning.</summary>
    public TimeSpan UnloadTimeout { get; init; } = TimeSpan.FromSeconds(2);

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

    /// <summary>
    /// Loads a plugin's current version and, only if that worked, unloads the version it replaces and waits
    /// for its context to be collected, with a warning when it is not.
    /// </summary>
    public async Task<PluginLoadReport> ReloadAsync(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return await WatchUnloadAsync(await ReplaceAsync(path).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Unloads a plugin whose file is gone, and waits for its context as <see cref="ReloadAsync"/> does.</summary>
    public async Task<PluginLoadReport> RemoveAsync(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return await WatchUnloadAsync(await UnplugAsync(path).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task<PluginLoadReport> ReplaceAsync(string path)
    {
        var fullPath = Path.GetFullPath(path);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _outcomes.Take(fullPath);
            var clock = Stopwatch.StartNew();
            LoadedPlugin fresh;
            try
            {
                fresh = await LoadAsync(fullPath).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                var outcome = _outcomes.Take(fullPath) ?? "compiled";
                // Whatever went wrong with the new version, the old one keeps running.
                var error = e is ScriptCompilationException or ScriptSourceException or PluginContractException
                    ? e.Message
                    : $"{e.GetType().FullName}: {e.Message}";
                return new PluginLoadReport(fullPath, Existing(fullPath)?.Plugin.Name, outcome, clock.Elapsed, Error: error);
            }

            var elapsed = clock.Elapsed;
            var loaded = _outcomes.Take(fullPath) ?? "compiled";
            var output = RunPlugin(fresh);
            var old = Swap(fullPath, fresh);
            return new PluginLoadReport(fullPath, fresh.Plugin.Name, loaded, elapsed, output, OldContext: old);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<PluginLoadReport> UnplugAsync(string path)
    {
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
    /// Waits, off the caller's thread, until the replaced version's context is collected. A plugin can keep it
    /// alive, for instance with a handler on a host event or on <see cref="AppDomain.ProcessExit"/>, a timer
    /// or a thread; the old version's code then stays loaded (a ProcessExit handler still runs at exit), and
    /// the host says so.
    /// </summary>
    private async Task<PluginLoadReport> WatchUnloadAsync(PluginLoadReport report)
    {
        if (report.OldContext is not { } old)
        {
            return report;
        }

        var timeout = UnloadTimeout;
        var collected = await Task.Run(() => old.WaitForUnload(timeout)).ConfigureAwait(false);
        if (!collected)
        {
            var name = report.Name ?? Path.GetFileNameWithoutExtension(report.Path);
            _log.WriteLine(
                $"warning: {name}: the unloaded version is still in memory; the plugin left something behind that refers to it "
                + "(an event handler, a ProcessExit handler, a timer or a thread)");
        }

        return report with { OldContextCollected = collected };
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

    private async Task<LoadedPlugin> LoadAsync(string path)
    {
        var script = await _cache.LoadAsync(path).ConfigureAwait(false);
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
    private ScriptUnload? Swap(string path, LoadedPlugin? fresh)
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

        return old.Script.Unload();
    }
}
