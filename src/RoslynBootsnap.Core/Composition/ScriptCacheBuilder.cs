using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Caching.Remote;
using RoslynBootsnap.Composition;
using RoslynBootsnap.Diagnostics;
using RoslynBootsnap.Platform;
using RoslynBootsnap.Server;

namespace RoslynBootsnap;

/// <summary>
/// Composes a compile cache: its entry store and the tiers around it, how its misses compile (in this process or
/// through the compile server), and where its events and measurements go. Every cache is built here:
/// <see cref="CompiledScriptCache"/>'s constructors, <see cref="ScriptCache"/>'s static methods, dependency
/// injection, the command line and the compile server.
/// </summary>
/// <example>
/// <code>
/// var cache = new ScriptCacheBuilder(new ScriptCacheOptions { CacheDirectory = "/var/cache/myapp" })
///     .UseLoggerFactory(loggerFactory)
///     .UseInProcessCompiler()
///     .Build();
/// </code>
/// </example>
public sealed class ScriptCacheBuilder
{
    // Held as objects and only touched in methods of their own: a host that never sets them loads neither the
    // logging abstractions nor the metrics assembly on its warm path.
    private object? _loggerFactory;
    private object? _meterFactory;
    private bool _compilerChosen;
    private CompileServerOptions? _server;
    private Func<ScriptCacheOptions, FleetSettings>? _fleet;

    /// <summary>A builder for a cache with the default options.</summary>
    public ScriptCacheBuilder()
        : this(ScriptCacheOptions.Default)
    {
    }

    /// <summary>A builder for a cache with these options.</summary>
    /// <param name="options">Cache dir, compile inputs and the event callback.</param>
    public ScriptCacheBuilder(ScriptCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options the cache is built with.</summary>
    public ScriptCacheOptions Options { get; }

    /// <summary>
    /// Logs cache events through a logger (category <c>RoslynBootsnap</c>) of this factory, as
    /// <see cref="ScriptCacheOptions.Logger"/> describes; a logger set in the options wins.
    /// </summary>
    /// <param name="loggerFactory">The host's logger factory; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public ScriptCacheBuilder UseLoggerFactory(ILoggerFactory? loggerFactory)
    {
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>
    /// Reports the cache's events and durations through a <c>RoslynBootsnap</c> meter of this factory. Without
    /// one, they go to the process-wide <c>RoslynBootsnap</c> meter.
    /// </summary>
    /// <param name="meterFactory">The host's meter factory; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public ScriptCacheBuilder UseMeterFactory(IMeterFactory? meterFactory)
    {
        _meterFactory = meterFactory;
        return this;
    }

    /// <summary>Compiles misses in this process, whatever <see cref="ScriptCacheOptions.Server"/> says.</summary>
    /// <returns>This builder.</returns>
    public ScriptCacheBuilder UseInProcessCompiler()
    {
        _compilerChosen = true;
        _server = null;
        return this;
    }

    /// <summary>
    /// Has the compile server compile misses and loads the entries it writes, whatever
    /// <see cref="ScriptCacheOptions.Server"/> says; a miss the server cannot answer compiles in process.
    /// </summary>
    /// <param name="server">How the server is reached and started.</param>
    /// <returns>This builder.</returns>
    public ScriptCacheBuilder UseCompileServer(CompileServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _compilerChosen = true;
        _server = server;
        return this;
    }

    /// <summary>Builds the cache. The cache dir and the mode are settled now: from the options, else from the environment.</summary>
    /// <returns>A thread-safe cache to create once and share.</returns>
    /// <exception cref="ArgumentException">The cache dir is too long for the platform.</exception>
    public CompiledScriptCache Build() => new(Options, BuildEngine());

    /// <summary>
    /// Puts the remote tier <paramref name="remote"/> names in front of the local entries, whatever the options
    /// or the environment name, opened by <paramref name="open"/> (with the connection string less the core's own
    /// options) on the first local miss. The signing key still comes from the options or the environment.
    /// </summary>
    internal ScriptCacheBuilder UseRemoteStore(string remote, Func<string, IRemoteStore> open)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(remote);
        ArgumentNullException.ThrowIfNull(open);
        _fleet = options => ScriptCache.CreateFleet(options, remote, open);
        return this;
    }

    /// <summary>No remote tier, whatever the options or the environment name: the local entries only.</summary>
    internal ScriptCacheBuilder UseLocalEntriesOnly()
    {
        _fleet = ScriptCache.LocalFleetFor;
        return this;
    }

    /// <summary>The engine of the cache <see cref="Build"/> makes; the static facade uses it bare.</summary>
    internal CompileCache<LoadedScript> BuildEngine()
    {
        var options = Options.Freeze();
        var cacheDirectory = options.CacheDirectory ?? ScriptCache.DefaultCacheDirectory;
        var server = _compilerChosen ? _server : options.Server;
        return Compose(cacheDirectory, ScriptCache.HandlerFor(options), new EngineSettings
        {
            OnEvent = _loggerFactory is null || options.HasLogger ? ScriptCache.EventSink(options) : LoggingSink(_loggerFactory, options),
            Mode = options.Mode ?? ScriptCache.ModeFromEnvironment(),
            Validation = options.Trust.Validation,
            SchemaVersion = options.SchemaVersion,
            TrustedOwners = options.Trust.OwnerTrust ?? OwnerTrust.FromEnvironment(),
            Meter = _meterFactory is null ? null : MeterFor(_meterFactory, options),
            Counts = CacheCounts.For(options.Name),
            Fleet = _fleet is null ? ScriptCache.FleetFor(options) : _fleet(options),
            Compile = server is null ? InProcessCompileStrategy.Instance : new ServerCompileStrategy(new ServerClient(options, server, cacheDirectory)),
            RefreshInterval = options.Packages.RefreshInterval,
        });
    }

    /// <summary>
    /// The one place an engine is put together: the environment key and its namespace directory, the entry files,
    /// the store the mode picks, the remote tier wrapped around it, and the compile strategy.
    /// </summary>
    internal static CompileCache<TOutput> Compose<TOutput>(string cacheDirectory, ICacheHandler<TOutput> handler, EngineSettings settings)
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(settings);
        var fleet = settings.Fleet ?? FleetSettings.None;
        var events = new CacheEvents(settings.OnEvent, settings.Meter, settings.Counts);
        var root = CachePath.NormalizeCacheDirectory(cacheDirectory);
        var environmentKey = CacheEnvironment.Key(settings.SchemaVersion, handler.CompileOptions);
        var namespaceDirectory = Path.Join(root, CachePath.GetNamespaceName(environmentKey));
        var compilerIdentity = () => handler.CompilerIdentity;
        var validator = new EntryValidator(root, namespaceDirectory, environmentKey, settings.Validation, settings.TrustedOwners ?? OwnerTrust.None, fleet.Base, settings.RefreshInterval, compiler: compilerIdentity);
        var files = new FileEntryStore(validator, new EntryWriter(root, environmentKey, events.Raise, fleet.Base, compilerIdentity));

        // The one place the mode is looked at: it picks the store. The remote tier is a store around the files.
        IEntryStore store = settings.Mode switch
        {
            CacheMode.Disabled => BypassedEntryStore.Instance,
            CacheMode.ReadOnly => new ReadOnlyEntryStore(files),
            _ => fleet.Wrap(files, validator, environmentKey, events.Raise),
        };
        return new CompileCache<TOutput>(namespaceDirectory, fleet.Base, handler, store, events, settings.Compile ?? InProcessCompileStrategy.Instance);
    }

    // Kept apart and never inlined: compiling a method that names ILogger loads the logging abstractions.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Action<CacheEvent> LoggingSink(object loggerFactory, ScriptCacheOptions options) =>
        CacheLog.Sink(((ILoggerFactory)loggerFactory).CreateLogger(CacheLog.CategoryName), options.OnEvent);

    // Kept apart and never inlined, for the metrics assembly.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CacheMeter MeterFor(object meterFactory, ScriptCacheOptions options) =>
        CacheInstruments.Create((IMeterFactory)meterFactory, options.Name);
}
