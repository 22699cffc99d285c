using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Diagnostics;

namespace RoslynBootsnap;

/// <summary>
/// A compile cache for C# scripts with one set of options: the first load of a script compiles it and stores
/// the emitted assembly, every later load (in any process) maps it straight into a collectible load context.
/// Thread-safe; a host creates one and shares it, or has dependency injection do so.
/// </summary>
/// <remarks>
/// The cache dir and the mode are settled when the cache is created: from the options, else from the
/// environment as it is then. <see cref="ScriptCache"/> offers the same loads as static methods.
/// </remarks>
/// <example>
/// <code>
/// var cache = new CompiledScriptCache(new ScriptCacheOptions { CacheDirectory = "/var/cache/myapp" });
/// using var script = await cache.LoadAsync("plugins/hello.csx", cancellationToken);
/// var result = await script.RunAsync();
/// </code>
/// </example>
public sealed class CompiledScriptCache : ICompiledScriptCache
{
    private readonly CompileCache<LoadedScript> _cache;

    /// <summary>Creates a cache that reports its events to the options' logger and callback.</summary>
    /// <param name="options">Cache dir, compile inputs and the event callback; frozen from now on.</param>
    /// <exception cref="ArgumentException">The cache dir is too long for the platform.</exception>
    public CompiledScriptCache(ScriptCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Freeze();
        _cache = new ScriptCacheBuilder(options).BuildEngine();
    }

    /// <summary>Creates a cache that logs through the host's logger factory and measures with its meter factory.</summary>
    /// <param name="options">Cache dir, compile inputs and the event callback.</param>
    /// <param name="loggerFactory">
    /// Creates the logger (category <c>RoslynBootsnap</c>) that logs cache events as
    /// <see cref="ScriptCacheOptions.Logger"/> describes; a logger set in the options wins.
    /// </param>
    /// <param name="meterFactory">
    /// Creates the <c>RoslynBootsnap</c> meter whose instruments report this cache's events and durations. Without
    /// one, they go to the process-wide <c>RoslynBootsnap</c> meter.
    /// </param>
    /// <exception cref="ArgumentException">The cache dir is too long for the platform.</exception>
    public CompiledScriptCache(ScriptCacheOptions options, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Freeze();
        _cache = new ScriptCacheBuilder(options).UseLoggerFactory(loggerFactory).UseMeterFactory(meterFactory).BuildEngine();
    }

    /// <summary>A cache over the engine <see cref="ScriptCacheBuilder"/> composed.</summary>
    internal CompiledScriptCache(ScriptCacheOptions options, CompileCache<LoadedScript> cache)
    {
        Options = options.Freeze();
        _cache = cache;
    }

    /// <summary>The options this cache was created with.</summary>
    public ScriptCacheOptions Options { get; }

    /// <inheritdoc />
    public LoadedScript Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CacheTelemetry.Tick();
        return _cache.Fetch(path);
    }

    /// <inheritdoc />
    public ValueTask<LoadedScript> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CacheTelemetry.Tick();
        return _cache.FetchAsync(path, cancellationToken);
    }

    /// <inheritdoc />
    public bool Precompile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CacheTelemetry.Tick();
        return _cache.Precompile(path);
    }

    /// <inheritdoc />
    public ValueTask<bool> PrecompileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CacheTelemetry.Tick();
        return _cache.PrecompileAsync(path, cancellationToken);
    }
}
