using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Diagnostics;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap;

/// <summary>
/// Loads C# scripts through an on-disk compile cache: the first load compiles and stores the emitted
/// assembly, every later load (in any process) maps it straight into a collectible load context.
/// </summary>
/// <example>
/// <code>
/// using var script = ScriptCache.Load("plugins/hello.csx");
/// var result = await script.RunAsync();
/// </code>
/// </example>
public static partial class ScriptCache
{
    /// <summary>The environment variable that overrides the default cache dir.</summary>
    public const string CacheDirectoryVariable = ScriptEnvironment.CacheDirectoryVariable;

    /// <summary>Set to <c>1</c> (or <c>true</c>) to make the cache read-only when the options leave the mode open.</summary>
    public const string ReadOnlyVariable = ScriptEnvironment.ReadOnlyVariable;

    /// <summary>Set to <c>1</c> (or <c>true</c>) to bypass the cache when the options leave the mode open.</summary>
    public const string DisableVariable = ScriptEnvironment.DisableVariable;

    /// <summary>
    /// Comma-separated user ids whose cache dirs and entries are trusted besides the current user and root,
    /// when the options leave <see cref="TrustOptions.Owners"/> unset. A malformed value is
    /// ignored, and the reason is named in the message of the <c>untrusted-owner</c> event it causes.
    /// </summary>
    public const string TrustedOwnersVariable = ScriptEnvironment.TrustedOwnersVariable;

    private static readonly ConditionalWeakTable<ScriptCacheOptions, CsxHandler> Handlers = [];

    /// <summary>
    /// The cache dir used when the options name none: <c>ROSLYN_BOOTSNAP_CACHE_DIR</c>, else
    /// <c>$XDG_CACHE_HOME/roslyn-bootsnap</c>, else <c>~/.cache/roslyn-bootsnap</c>. It is created with mode
    /// 0700 on first write. A variable that is empty or only white space counts as unset.
    /// </summary>
    public static string DefaultCacheDirectory
    {
        get
        {
            var explicitDirectory = ScriptEnvironment.CacheDirectory;
            if (!string.IsNullOrWhiteSpace(explicitDirectory))
            {
                return explicitDirectory;
            }

            var xdg = ScriptEnvironment.XdgCacheHome;
            if (!string.IsNullOrEmpty(xdg) && Path.IsPathFullyQualified(xdg))
            {
                return Path.Join(xdg, "roslyn-bootsnap");
            }

            return Path.Join(ScriptEnvironment.HomeDirectory, ".cache", "roslyn-bootsnap");
        }
    }

    /// <summary>Loads a script with the default options, compiling it only when its cache entry is missing or stale.</summary>
    /// <param name="path">The .csx file; relative paths resolve against the current directory.</param>
    /// <returns>The loaded script. Dispose it to unload.</returns>
    /// <exception cref="ScriptSourceException">The script cannot be opened or read.</exception>
    /// <exception cref="ScriptCompilationException">The script has compile errors; nothing was cached.</exception>
    public static LoadedScript Load(string path) => Load(path, ScriptCacheOptions.Default);

    /// <summary>Loads a script, compiling it only when its cache entry is missing or stale.</summary>
    /// <param name="path">The .csx file; relative paths resolve against the current directory.</param>
    /// <param name="options">Cache dir, compile inputs and the event callback.</param>
    /// <returns>The loaded script. Dispose it to unload.</returns>
    /// <exception cref="ArgumentException">The path is empty or the cache dir is too long for the platform.</exception>
    /// <exception cref="ScriptSourceException">The script cannot be opened or read.</exception>
    /// <exception cref="ScriptCompilationException">The script has compile errors; nothing was cached.</exception>
    public static LoadedScript Load(string path, ScriptCacheOptions options) => CreateCache(path, options).Fetch(path);

    /// <summary>
    /// Compiles script source held in memory and loads it, bypassing the cache: nothing is read from or
    /// written to the cache dir and no cache event is raised. For a script that has no file of its own, such
    /// as one read from standard input.
    /// </summary>
    /// <param name="code">The script's source text.</param>
    /// <param name="path">
    /// The name the script goes by: compile errors and stack traces name it, and relative <c>#load</c> and
    /// <c>#r</c> paths resolve against its directory. A relative name resolves against the current directory.
    /// No file needs to exist there.
    /// </param>
    /// <param name="options">Compile inputs; the cache dir, mode, validation and event callback are not used.</param>
    /// <returns>The loaded script. Dispose it to unload.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ScriptSourceException">The source is binary, or a reference in the options cannot be opened.</exception>
    /// <exception cref="ScriptCompilationException">The script has compile errors.</exception>
    public static LoadedScript LoadText(string code, string path, ScriptCacheOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrEmpty(path);
        CacheTelemetry.Tick();
        var start = Stopwatch.GetTimestamp();
        var script = HandlerFor(options ?? ScriptCacheOptions.Default).InputToOutput(Encoding.UTF8.GetBytes(code), KernelPath.GetFullPath(path), CancellationToken.None);
        CacheTelemetry.Compiled(start, CacheCounts.For((options ?? ScriptCacheOptions.Default).Name));
        return script;
    }

    /// <summary>
    /// Brings a script's cache entry up to date without loading or running it, as a build step or a
    /// container-image step would.
    /// </summary>
    /// <param name="path">The .csx file.</param>
    /// <param name="options">Cache dir, compile inputs and the event callback; the defaults when omitted.</param>
    /// <returns><see langword="true"/> when a valid entry exists afterwards; <see langword="false"/> when it could not be written.</returns>
    /// <exception cref="ScriptSourceException">The script cannot be opened or read.</exception>
    /// <exception cref="ScriptCompilationException">The script has compile errors; nothing was cached.</exception>
    public static bool Precompile(string path, ScriptCacheOptions? options = null) =>
        CreateCache(path, options ?? ScriptCacheOptions.Default).Precompile(path);

    /// <summary>
    /// The full path a script is compiled from and keyed by: relative to the current directory, and with a
    /// <c>..</c> after a symbolic link resolved as the kernel resolves it (<c>p/link/../s.csx</c>, with
    /// <c>p/link</c> a link to <c>q/r</c>, is <c>q/s.csx</c>), which <see cref="System.IO.Path.GetFullPath(string)"/> does not do.
    /// </summary>
    /// <param name="path">A script path.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static string GetFullPath(string path) => KernelPath.GetFullPath(path);

    /// <summary>Where a script's entry lives for these options: in the namespace of their environment key.</summary>
    internal static string GetEntryPath(string path, ScriptCacheOptions options) => CreateCache(path, options).GetEntryPath(path);

    /// <summary>The mode the environment asks for; disabling wins over read-only.</summary>
    public static CacheMode ModeFromEnvironment() =>
        ScriptEnvironment.Disable ? CacheMode.Disabled
        : ScriptEnvironment.ReadOnly ? CacheMode.ReadOnly
        : CacheMode.ReadWrite;

    internal static Action<CacheEvent>? EventSink(ScriptCacheOptions options) =>
        options.HasLogger ? LoggingSink(options) : options.OnEvent;

    // Kept apart and never inlined: compiling a method that names ILogger loads
    // Microsoft.Extensions.Logging.Abstractions, which a host without a logger has no use for on its warm path.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Action<CacheEvent> LoggingSink(ScriptCacheOptions options) => CacheLog.Sink(options.Logger!, options.OnEvent);

    /// <summary>
    /// The handler for an options object, whose key fields are computed once per options object rather than
    /// on every load: a host loads many scripts with one set of options. References are part of the key by
    /// path only (each entry's manifest proves their content), so this holds for options with references too.
    /// The table keeps nothing alive (a globals type from a plugin's context, say) that the caller has dropped.
    /// </summary>
    internal static CsxHandler HandlerFor(ScriptCacheOptions options)
    {
        // Frozen first: the key fields computed here would go stale if the options could change afterwards.
        options.Freeze();
        if (!Handlers.TryGetValue(options, out var handler))
        {
            handler = new CsxHandler(new CompileSettings(options));
            Handlers.AddOrUpdate(options, handler);
        }

        return handler;
    }

    private static CompileCache<LoadedScript> CreateCache(string path, ScriptCacheOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        options.Freeze();
        CacheTelemetry.Tick();
        return new ScriptCacheBuilder(options).BuildEngine();
    }
}
