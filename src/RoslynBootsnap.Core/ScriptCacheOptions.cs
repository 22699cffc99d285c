using Microsoft.Extensions.Logging;

namespace RoslynBootsnap;

/// <summary>
/// How scripts are compiled and where their entries live. Immutable: derive a variant with a
/// <c>with</c>-style copy through the init-only properties. Lists are copied when set, so changing a list
/// afterwards changes no options object.
/// </summary>
/// <remarks>
/// Every compile input here other than <see cref="CacheDirectory"/>, <see cref="TrustedOwners"/>,
/// <see cref="OnEvent"/> and <see cref="OnCompilerWarnings"/> is part of the entry's key, so changing any of them
/// recompiles the script. The options that share compiles across hosts (<see cref="BaseDirectory"/>,
/// <see cref="Remote"/> and its key) are not.
/// </remarks>
public sealed partial record ScriptCacheOptions
{
    /// <summary>The options <see cref="ScriptCache.Load(string)"/> uses: the default cache dir, no extras.</summary>
    public static ScriptCacheOptions Default { get; } = new();

    /// <summary>
    /// The cache dir. When <see langword="null"/>, <see cref="ScriptCache.DefaultCacheDirectory"/> is used:
    /// <c>ROSLYN_BOOTSNAP_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/roslyn-bootsnap</c>, else <c>~/.cache/roslyn-bootsnap</c>.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Paths of extra assemblies every script may use without <c>#r</c>.</summary>
    /// <exception cref="ArgumentException">A path is null or blank.</exception>
    public IReadOnlyList<string> References { get => _references; init => _references = OptionsValidation.Snapshot(value, nameof(References)); }

    /// <summary>Namespaces (or types, for <c>using static</c>) imported in addition to the defaults.</summary>
    /// <exception cref="ArgumentException">A name is null or blank.</exception>
    public IReadOnlyList<string> Imports { get => _imports; init => _imports = OptionsValidation.Snapshot(value, nameof(Imports)); }

    /// <summary>
    /// The type of the globals object passed to <see cref="LoadedScript.RunAsync"/>; its public members are
    /// in scope in the script. <see langword="null"/> means the script takes no globals.
    /// </summary>
    public Type? GlobalsType { get; init; }

    /// <summary>The type the script's final expression is converted to. Defaults to <see cref="object"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public Type ReturnType
    {
        get => _returnType;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(ReturnType));
            _returnType = value;
        }
    }

    /// <summary>
    /// The C# language version, as the compiler's <c>-langversion</c> option spells it (<c>latest</c>,
    /// <c>preview</c>, <c>12</c>, ...). <see langword="null"/> means the compiler's default.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not of that form.</exception>
    public string? LanguageVersion { get => _languageVersion; init => _languageVersion = OptionsValidation.LanguageVersion(value); }

    /// <summary>
    /// The cache's name in telemetry: the <c>roslyn_bootsnap.cache.name</c> tag of its metrics, so that a host with
    /// several caches tells them apart. <see langword="null"/> means <c>default</c>. Not part of any key.
    /// </summary>
    /// <exception cref="ArgumentException">The name is blank.</exception>
    public string? Name
    {
        get => _name;
        init
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Name));
            }

            _name = value;
        }
    }

    /// <summary>Whether to compile with optimizations. Off by default, as in the Roslyn scripting API.</summary>
    public bool Optimize { get; init; }

    /// <summary>Whether <c>unsafe</c> code is allowed. On by default, as in the Roslyn scripting API.</summary>
    public bool AllowUnsafe { get; init; } = true;

    /// <summary>Preprocessor symbols defined for every script.</summary>
    /// <exception cref="ArgumentException">A symbol is not an identifier.</exception>
    public IReadOnlyList<string> PreprocessorSymbols
    {
        get => _preprocessorSymbols;
        init => _preprocessorSymbols = OptionsValidation.Snapshot(value, nameof(PreprocessorSymbols), OptionsValidation.IsIdentifier, "an identifier");
    }

    /// <summary>
    /// How the cache dir may be used. <see langword="null"/> (the default) reads the environment:
    /// <c>ROSLYN_BOOTSNAP_DISABLE=1</c> means <see cref="CacheMode.Disabled"/>, <c>ROSLYN_BOOTSNAP_READONLY=1</c>
    /// means <see cref="CacheMode.ReadOnly"/>, otherwise <see cref="CacheMode.ReadWrite"/>.
    /// </summary>
    public CacheMode? Mode { get; init; }

    /// <summary>How entries are proven current; <see cref="ValidationMode.Full"/> unless you opt into the risk.</summary>
    public ValidationMode Validation { get; init; } = ValidationMode.Full;

    /// <summary>
    /// User ids, besides the current user and root, whose cache dirs and entries are trusted and loaded: the
    /// build user that writes a cache the others read, say. <see langword="null"/> (the default) reads
    /// <c>ROSLYN_BOOTSNAP_TRUSTED_OWNERS</c>, a comma-separated list; an empty list trusts nobody else, whatever
    /// the environment says. A trusted owner's files must still be no symbolic links and not writable by
    /// group or others.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A user id is negative.</exception>
    public IReadOnlyList<int>? TrustedOwners
    {
        get => _trustedOwners;
        init
        {
            if (value is null)
            {
                _trustedOwners = null;
                OwnerTrust = null;
                return;
            }

            var copy = new int[value.Count];
            for (var i = 0; i < copy.Length; i++)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(value[i], nameof(TrustedOwners));
                copy[i] = value[i];
            }

            _trustedOwners = copy;
            OwnerTrust = Platform.OwnerTrust.From(copy);
        }
    }

    /// <summary>The trusted owners as the engine judges them; <see langword="null"/> to read the environment.</summary>
    internal Platform.OwnerTrust? OwnerTrust { get; private init; }

    /// <summary>The entry schema version; tests raise it to prove that a bump invalidates every entry.</summary>
    internal uint SchemaVersion { get; init; } = Caching.CacheHeader.CurrentVersion;

    /// <summary>
    /// The per-user compile server a miss asks to compile the script, so that this process loads no compiler
    /// (see <see cref="RoslynBootsnap.CompileServer"/>). <see langword="null"/> (the default) compiles in process,
    /// as a long-lived host, whose compiler stays warm, should. Not part of any key.
    /// </summary>
    public CompileServerOptions? CompileServer { get; init; }

    /// <summary>Receives every cache event. Called on the loading thread; keep it cheap.</summary>
    public Action<CacheEvent>? OnEvent { get; init; }

    /// <summary>
    /// Receives the warnings of each compile that succeeds with any (a miss, a stale entry, an in-memory
    /// compile), in the compiler's order. Never called on a hit, which compiles nothing. Called on the
    /// loading thread. A failed compile's warnings are in its <see cref="ScriptCompilationException"/>.
    /// </summary>
    public Action<IReadOnlyList<ScriptDiagnostic>>? OnCompilerWarnings { get; init; }

    /// <summary>
    /// Logs cache events: hits at <see cref="LogLevel.Trace"/> (so nothing is logged on a hit by default),
    /// misses, stale and revalidated entries at <see cref="LogLevel.Debug"/>, write failures and untrusted
    /// entries at <see cref="LogLevel.Warning"/>.
    /// </summary>
    public ILogger? Logger
    {
        get => _logger;
        init
        {
            _logger = value;
            HasLogger = value is not null;
        }
    }

    /// <summary>
    /// Whether <see cref="Logger"/> is set. A flag of its own: reading the logger itself would make the JIT load
    /// Microsoft.Extensions.Logging.Abstractions on every warm start, logger or not.
    /// </summary>
    internal bool HasLogger { get; private init; }

    private readonly ILogger? _logger;
    private readonly Type _returnType = typeof(object);
    private readonly string? _languageVersion;
    private readonly string? _name;
    private readonly string[] _references = [];
    private readonly string[] _imports = [];
    private readonly string[] _preprocessorSymbols = [];
    private readonly int[]? _trustedOwners;
}
