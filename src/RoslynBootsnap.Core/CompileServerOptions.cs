using System.Text;

namespace RoslynBootsnap;

/// <summary>
/// How a cache reaches its user's compile server: the program that serves, and how long a client waits for it.
/// Set on <see cref="ScriptCacheOptions.Server"/>; <see langword="null"/> there compiles in process. Settable until
/// a cache freezes the options that hold them.
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
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public required string FileName
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(FileName));
            field = value;
        }
    }

    /// <summary>The arguments of <see cref="FileName"/>. The list is copied when set.</summary>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public IReadOnlyList<string> Arguments
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(Arguments));
            ArgumentNullException.ThrowIfNull(value, nameof(Arguments));
            if (value.Any(a => a is null))
            {
                throw new ArgumentException("An argument is null.", nameof(Arguments));
            }

            field = [.. value];
        }
    } = [];

    /// <summary>
    /// How long one compile through the server may take, from connect to the last byte of its answer, however the
    /// server paces it; past it the client compiles in process.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public TimeSpan CompileTimeout
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(CompileTimeout));
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(CompileTimeout));
            field = value;
        }
    } = TimeSpan.FromMinutes(2);

    /// <summary>How long a server that this cache starts lives without a request.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Local)]
    public TimeSpan IdleTimeout
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(IdleTimeout));
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(IdleTimeout));
            field = value;
        }
    } = CompileServer.DefaultIdleTimeout;

    internal bool IsFrozen => _mark.IsSetBy(this);

    private FreezeMark _mark;

    /// <exception cref="InvalidOperationException">No <see cref="FileName"/> is set, as configuration binding may leave it.</exception>
    internal void Freeze()
    {
        if (string.IsNullOrWhiteSpace(FileName))
        {
            throw new InvalidOperationException("CompileServerOptions.FileName is not set: name the program that serves, or leave ScriptCacheOptions.Server null to compile in process.");
        }

        _mark.Set(this);
    }

    private bool PrintMembers(StringBuilder builder) => OptionsText.PrintMembers(this, builder);
}
