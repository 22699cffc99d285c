using System.Text;
using Microsoft.Extensions.Logging;

namespace RoslynBootsnap;

/// <summary>
/// How scripts are compiled and where their entries live, with the options of packages, of a fleet's shared cache,
/// of the compile server and of trust in their own groups.
/// </summary>
/// <remarks>
/// <para>
/// Settable until a cache is given them, then frozen: the cache's key fields are computed once, so setting a
/// frozen option throws an <see cref="InvalidOperationException"/>. <see cref="Default"/> is frozen. A
/// <c>with</c> copy is a fresh, unfrozen copy, its groups included, so <c>options with { Optimize = true }</c>
/// derives a variant whatever the original. Being settable, the options bind from configuration
/// (<c>services.Configure&lt;ScriptCacheOptions&gt;(configuration)</c>); the groups bind from their sections
/// (<c>Packages</c>, <c>Fleet</c>, <c>Server</c>, <c>Trust</c>). Lists are copied when set.
/// </para>
/// <para>
/// Every compile input here is part of the entry's key, so changing any of them recompiles the script; the cache
/// dir, the name, the mode, the callbacks, the logger and the groups are not (but <see cref="PackageOptions.Enabled"/>).
/// <see cref="ToString"/> never prints the remote tier's signing key.
/// </para>
/// </remarks>
public sealed record ScriptCacheOptions
{
    /// <summary>Options with every default: settable until a cache is given them.</summary>
    public ScriptCacheOptions() => _groupsOwned.Set(this);

    /// <summary>The options <see cref="ScriptCache.Load(string)"/> uses: the default cache dir, no extras. Frozen.</summary>
    public static ScriptCacheOptions Default { get; } = new ScriptCacheOptions().Freeze();

    /// <summary>
    /// The cache dir. When <see langword="null"/>, <see cref="ScriptCache.DefaultCacheDirectory"/> is used:
    /// <c>ROSLYN_BOOTSNAP_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/roslyn-bootsnap</c>, else <c>~/.cache/roslyn-bootsnap</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Sent | OptionUse.Path)]
    public string? CacheDirectory
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(CacheDirectory));
            field = value;
        }
    }

    /// <summary>Paths of extra assemblies every script may use without <c>#r</c>.</summary>
    /// <exception cref="ArgumentException">A path is null or blank.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Key | OptionUse.Sent | OptionUse.Path)]
    public IReadOnlyList<string> References
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(References));
            field = OptionsValidation.Snapshot(value, nameof(References));
        }
    } = [];

    /// <summary>
    /// Simple names of assemblies (<c>Newtonsoft.Json</c>) that scripts share with the host: a script gets the
    /// host's copy, so their types unify, rather than its own. The globals and return types' assemblies and
    /// <see cref="References"/> are shared without being named here; the framework always is. Any other assembly a
    /// script uses comes from its own references and packages, whatever the host has loaded. A host whose copy is
    /// older than the one a script was compiled against fails that script's load with a
    /// <see cref="ScriptSharedAssemblyException"/>. Not part of any key: it changes what a script loads, not what it
    /// compiles.
    /// </summary>
    /// <exception cref="ArgumentException">A name is null or blank.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public IReadOnlyList<string> SharedAssemblies
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(SharedAssemblies));
            field = OptionsValidation.Snapshot(value, nameof(SharedAssemblies));
        }
    } = [];

    /// <summary>Namespaces (or types, for <c>using static</c>) imported in addition to the defaults.</summary>
    /// <exception cref="ArgumentException">A name is null or blank.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Key | OptionUse.Sent)]
    public IReadOnlyList<string> Imports
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(Imports));
            field = OptionsValidation.Snapshot(value, nameof(Imports));
        }
    } = [];

    /// <summary>
    /// The type of the globals object passed to <see cref="LoadedScript.RunAsync"/>; its public members are
    /// in scope in the script. <see langword="null"/> means the script takes no globals.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Key | OptionUse.Sent)]
    public Type? GlobalsType
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(GlobalsType));
            field = value;
        }
    }

    /// <summary>The type the script's final expression is converted to. Defaults to <see cref="object"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Key | OptionUse.Sent)]
    public Type ReturnType
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(ReturnType));
            ArgumentNullException.ThrowIfNull(value, nameof(ReturnType));
            field = value;
        }
    } = typeof(object);

    /// <summary>
    /// The C# language version, as the compiler's <c>-langversion</c> option spells it (<c>latest</c>,
    /// <c>preview</c>, <c>12</c>, ...). <see langword="null"/> means the compiler's default.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not of that form.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Key | OptionUse.Sent)]
    public string? LanguageVersion
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(LanguageVersion));
            field = OptionsValidation.LanguageVersion(value);
        }
    }

    /// <summary>
    /// The cache's name in telemetry: the <c>roslyn_bootsnap.cache.name</c> tag of its metrics, so that a host with
    /// several caches tells them apart. <see langword="null"/> means <c>default</c>. Not part of any key.
    /// </summary>
    /// <exception cref="ArgumentException">The name is blank.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public string? Name
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(Name));
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Name));
            }

            field = value;
        }
    }

    /// <summary>Whether to compile with optimizations. Off by default, as in the Roslyn scripting API.</summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Key | OptionUse.Sent)]
    public bool Optimize
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(Optimize));
            field = value;
        }
    }

    /// <summary>Whether <c>unsafe</c> code is allowed. On by default, as in the Roslyn scripting API.</summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Key | OptionUse.Sent)]
    public bool AllowUnsafe
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(AllowUnsafe));
            field = value;
        }
    } = true;

    /// <summary>Preprocessor symbols defined for every script.</summary>
    /// <exception cref="ArgumentException">A symbol is not an identifier.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Key | OptionUse.Sent)]
    public IReadOnlyList<string> PreprocessorSymbols
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(PreprocessorSymbols));
            field = OptionsValidation.Snapshot(value, nameof(PreprocessorSymbols), OptionsValidation.IsIdentifier, "an identifier");
        }
    } = [];

    /// <summary>
    /// How the cache dir may be used. <see langword="null"/> (the default) reads the environment:
    /// <c>ROSLYN_BOOTSNAP_DISABLE=1</c> means <see cref="CacheMode.Disabled"/>, <c>ROSLYN_BOOTSNAP_READONLY=1</c>
    /// means <see cref="CacheMode.ReadOnly"/>, otherwise <see cref="CacheMode.ReadWrite"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public CacheMode? Mode
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(Mode));
            field = value;
        }
    }

    /// <summary>Package references: whether scripts may make them, and how often floating versions are resolved again.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    public PackageOptions Packages
    {
        get
        {
            AdoptGroups();
            return _packages;
        }

        set
        {
            SetGroup(value, nameof(Packages));
            _packages = value.IsFrozen ? value with { } : value;
        }
    }

    /// <summary>The options that let a fleet of hosts share compiles: a relocatable base directory and a remote tier.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    public FleetOptions Fleet
    {
        get
        {
            AdoptGroups();
            return _fleet;
        }

        set
        {
            SetGroup(value, nameof(Fleet));
            _fleet = value.IsFrozen ? value with { } : value;
        }
    }

    /// <summary>Whose entries are trusted, and how entries are proven current.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    public TrustOptions Trust
    {
        get
        {
            AdoptGroups();
            return _trust;
        }

        set
        {
            SetGroup(value, nameof(Trust));
            _trust = value.IsFrozen ? value with { } : value;
        }
    }

    /// <summary>
    /// The per-user compile server a miss asks to compile the script, so that this process loads no compiler
    /// (see <see cref="RoslynBootsnap.CompileServer"/>). <see langword="null"/> (the default) compiles in process,
    /// as a long-lived host, whose compiler stays warm, should. Not part of any key.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public CompileServerOptions? Server
    {
        get
        {
            AdoptGroups();
            return _server;
        }

        set
        {
            ThrowIfFrozen(nameof(Server));
            AdoptGroups();
            _server = value is { IsFrozen: true } ? value with { } : value;
        }
    }

    /// <summary>Receives every cache event. Called on the loading thread; keep it cheap.</summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public Action<CacheEvent>? OnEvent
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(OnEvent));
            field = value;
        }
    }

    /// <summary>
    /// Receives the warnings of each compile that succeeds with any (a miss, a stale entry, an in-memory
    /// compile), in the compiler's order. Never called on a hit, which compiles nothing. Called on the
    /// loading thread. A failed compile's warnings are in its <see cref="ScriptCompilationException"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public Action<IReadOnlyList<ScriptDiagnostic>>? OnCompilerWarnings
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(OnCompilerWarnings));
            field = value;
        }
    }

    /// <summary>
    /// Logs cache events: hits at <see cref="LogLevel.Trace"/> (so nothing is logged on a hit by default),
    /// misses, stale and revalidated entries at <see cref="LogLevel.Debug"/>, write failures and untrusted
    /// entries at <see cref="LogLevel.Warning"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public ILogger? Logger
    {
        get => _logger;
        set
        {
            ThrowIfFrozen(nameof(Logger));
            _logger = value;
            HasLogger = value is not null;
        }
    }

    /// <summary>
    /// Whether <see cref="Logger"/> is set. A flag of its own: reading the logger itself would make the JIT load
    /// Microsoft.Extensions.Logging.Abstractions on every warm start, logger or not.
    /// </summary>
    internal bool HasLogger { get; private set; }

    /// <summary>The entry schema version; tests raise it to prove that a bump invalidates every entry.</summary>
    [Option(OptionUse.Sent)]
    internal uint SchemaVersion
    {
        get;
        set
        {
            ThrowIfFrozen(nameof(SchemaVersion));
            field = value;
        }
    } = Caching.CacheHeader.CurrentVersion;

    /// <summary>Whether a cache was given these options, which can then no longer be set.</summary>
    internal bool IsFrozen => _frozen.IsSetBy(this);

    private ILogger? _logger;
    private PackageOptions _packages = new();
    private FleetOptions _fleet = new();
    private TrustOptions _trust = new();
    private CompileServerOptions? _server;
    private FreezeMark _frozen;
    private FreezeMark _groupsOwned;

    /// <summary>
    /// Freezes the options and their groups, as a cache does with the options it is given; idempotent.
    /// </summary>
    /// <exception cref="InvalidOperationException">A compile server is named without its program.</exception>
    internal ScriptCacheOptions Freeze()
    {
        if (IsFrozen)
        {
            return this;
        }

        AdoptGroups();
        _server?.Freeze();
        _packages.Freeze();
        _fleet.Freeze();
        _trust.Freeze();
        _frozen.Set(this);
        return this;
    }

    private bool PrintMembers(StringBuilder builder) => OptionsText.PrintMembers(this, builder);

    private void ThrowIfFrozen(string property) => _frozen.ThrowIfFrozen(this, property);

    private void SetGroup(object value, string property)
    {
        ThrowIfFrozen(property);
        ArgumentNullException.ThrowIfNull(value, property);
        AdoptGroups();
    }

    /// <summary>
    /// Makes the groups this object's own. A <c>with</c> copy starts out sharing its original's groups (a record's
    /// copy is shallow); the first touch of a group copies them all, so a copy's groups never change its original's.
    /// Frozen options always own theirs, so this writes nothing once they are shared between threads.
    /// </summary>
    private void AdoptGroups()
    {
        if (_groupsOwned.IsSetBy(this))
        {
            return;
        }

        _packages = _packages with { };
        _fleet = _fleet with { };
        _trust = _trust with { };
        _server = _server is null ? null : _server with { };
        _groupsOwned.Set(this);
    }
}
