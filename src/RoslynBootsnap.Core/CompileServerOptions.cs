namespace RoslynBootsnap;

/// <summary>
/// How a cache reaches its user's compile server: the program that serves, and how long a client waits for it.
/// Set on <see cref="ScriptCacheOptions.CompileServer"/>; <see langword="null"/> there compiles in process.
/// </summary>
/// <remarks>
/// On a miss the cache asks the server to compile the script and write its entry, then loads the entry as a
/// hit, so the process that missed loads no compiler. When no server answers, the cache starts one (detached,
/// for later misses) and compiles this miss in process; it never waits for a server to start. Any other
/// problem also compiles in process, after a <see cref="CacheEventKind.ServerFallback"/> event naming it.
/// </remarks>
public sealed record CompileServerOptions
{
    /// <summary>The program started as the server when none answers; it must call <see cref="CompileServer.RunAsync"/>.</summary>
    public required string FileName { get; init; }

    /// <summary>The arguments of <see cref="FileName"/>.</summary>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    public IReadOnlyList<string> Arguments
    {
        get => _arguments;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Arguments));
            if (value.Any(a => a is null))
            {
                throw new ArgumentException("An argument is null.", nameof(Arguments));
            }

            _arguments = [.. value];
        }
    }

    /// <summary>
    /// How long one compile through the server may take, from connect to the last byte of its answer, however the
    /// server paces it; past it the client compiles in process.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan CompileTimeout
    {
        get => _compileTimeout;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(CompileTimeout));
            _compileTimeout = value;
        }
    }

    /// <summary>How long a server that this cache starts lives without a request.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan IdleTimeout
    {
        get => _idleTimeout;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(IdleTimeout));
            _idleTimeout = value;
        }
    }

    private readonly string[] _arguments = [];
    private TimeSpan _compileTimeout = TimeSpan.FromMinutes(2);
    private TimeSpan _idleTimeout = CompileServer.DefaultIdleTimeout;
}
