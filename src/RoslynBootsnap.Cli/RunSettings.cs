namespace RoslynBootsnap.Cli;

/// <summary>
/// What <c>run</c>'s options said, whichever parser read them (<see cref="RunOptions"/>). The options every command
/// takes (<c>--cache-dir</c>, the fleet options, <c>--refresh</c>) are read into the same record for the other
/// commands, so that <c>run</c> and <c>precompile</c> make their script options from the same values.
/// </summary>
internal sealed record RunSettings
{
    /// <summary>No option given: everything left to the environment and the library's defaults.</summary>
    public static RunSettings None { get; } = new();

    /// <summary><c>--cache-dir</c>: the cache dir, else the library's default order.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary><c>--no-cache</c>: compile in memory, read and write no entry.</summary>
    public bool NoCache { get; init; }

    /// <summary><c>--events</c>: one line per cache event on stderr.</summary>
    public bool Events { get; init; }

    /// <summary><c>--no-server</c>: compile a miss in this process rather than through the compile server.</summary>
    public bool NoServer { get; init; }

    /// <summary><c>--base-dir</c>: key scripts under it by their relative path.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary><c>--remote</c>: the remote tier shared by many hosts.</summary>
    public string? Remote { get; init; }

    /// <summary><c>--remote-key-file</c>: the file holding the key remote entries are signed with.</summary>
    public string? RemoteKeyFile { get; init; }

    /// <summary><c>--remote-readonly</c>: read the remote tier, never write to it.</summary>
    public bool RemoteReadOnly { get; init; }

    /// <summary><c>--sha256</c>: the digest a script run from a URL must have.</summary>
    public string? Sha256 { get; init; }

    /// <summary><c>--trust-url</c>: run a script from a URL without a pinned digest.</summary>
    public bool TrustUrl { get; init; }

    /// <summary><c>--refresh</c>: how long a floating package version is served before it is resolved again.</summary>
    public TimeSpan? Refresh { get; init; }
}
