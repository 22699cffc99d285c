namespace RoslynBootsnap.Caching.Remote;

/// <summary>How a cache uses its remote tier: where it is, the key values are signed with, and whether it may write.</summary>
internal sealed class RemoteSettings
{
    /// <summary>The default bound on waiting for another host's compile of the same script to be uploaded.</summary>
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A remote tier. <paramref name="connect"/> opens the store on first use, so a host whose entries are all
    /// current locally never loads the client. <paramref name="key"/> is <see langword="null"/> when none was
    /// configured: then there is no remote tier, and <paramref name="keyProblem"/> says why on every local miss.
    /// </summary>
    public RemoteSettings(string description, Func<IRemoteStore> connect, byte[]? key, string? keyProblem, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(connect);
        Description = description;
        Connect = connect;
        Key = key;
        KeyProblem = keyProblem;
        ReadOnly = readOnly;
    }

    /// <summary>The store, as a message names it: its address, never its options (which may hold a password).</summary>
    public string Description { get; }

    public Func<IRemoteStore> Connect { get; }

    public byte[]? Key { get; }

    public string? KeyProblem { get; }

    /// <summary>Whether this host only reads: no entry, lock or counter is ever written.</summary>
    public bool ReadOnly { get; }

    /// <summary>How long a host waits for another's upload before it compiles the script itself.</summary>
    public TimeSpan LockWait { get; init; } = DefaultLockWait;

    /// <summary>How long a compile lock lives when its holder dies before it uploads.</summary>
    public TimeSpan LockLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest entry a remote value may hold; anything larger is refused unread.</summary>
    public long MaxEntryBytes { get; init; } = 64L << 20;
}
