using System.Text;

namespace RoslynBootsnap;

/// <summary>
/// The options that let a fleet of hosts share compiles, a relocatable base directory and a remote tier: set on
/// <see cref="ScriptCacheOptions.Fleet"/>. None of them is part of any key. Settable until a cache freezes the
/// options that hold them. <see cref="ToString"/> never prints <see cref="RemoteKey"/>, nor the options of
/// <see cref="Remote"/>, which may hold a password.
/// </summary>
public sealed record FleetOptions
{
    /// <summary>
    /// The base directory that makes entries relocatable, as ccache's <c>base_dir</c>: a script under it is keyed
    /// by its path relative to it and its dependencies under it are recorded relatively, so a cache built at
    /// <c>/build/app</c> serves the same tree copied to <c>/srv/app</c>. Files outside it stay absolute.
    /// <see langword="null"/> (the default) reads <c>ROSLYN_BOOTSNAP_BASE_DIR</c>; unset or blank means none,
    /// and entries are keyed by full path.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Sent | OptionUse.Path)]
    public string? BaseDirectory
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(BaseDirectory));
            field = value;
        }
    }

    /// <summary>
    /// The remote tier shared by many hosts: <c>redis://host:port[,options]</c>, with StackExchange.Redis's
    /// options (<c>password=...</c>, <c>connectTimeout=...</c>, <c>syncTimeout=...</c>) and this library's
    /// <c>lockWait=...</c> (milliseconds a host waits for another's upload; 10000 by default). Local entries come
    /// first, then the remote, then a compile. <see langword="null"/> (the default) reads
    /// <c>ROSLYN_BOOTSNAP_REMOTE</c>; unset or blank means no remote tier. It is used only in
    /// <see cref="CacheMode.ReadWrite"/>, and only with a <see cref="RemoteKey"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Sent | OptionUse.Connection)]
    public string? Remote
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(Remote));
            field = value;
        }
    }

    /// <summary>
    /// The key every remote value is signed and verified with (HMAC-SHA256), at least 16 bytes of UTF-8; hosts that
    /// share a remote share it. <see langword="null"/> reads <see cref="RemoteKeyFile"/>, then
    /// <c>ROSLYN_BOOTSNAP_REMOTE_KEY</c>, then the file <c>ROSLYN_BOOTSNAP_REMOTE_KEY_FILE</c> names. With no key
    /// there is no remote tier, and every local miss raises a <c>remote-failed</c> event naming
    /// <see cref="CacheSteps.RemoteKey"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Sent | OptionUse.Secret)]
    public string? RemoteKey
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(RemoteKey));
            field = value;
        }
    }

    /// <summary>A file whose bytes (less a trailing newline) are the signing key; see <see cref="RemoteKey"/>.</summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Sent | OptionUse.Path)]
    public string? RemoteKeyFile
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(RemoteKeyFile));
            field = value;
        }
    }

    /// <summary>
    /// Whether this host only reads the remote tier and never writes to it. <see langword="null"/> reads
    /// <c>ROSLYN_BOOTSNAP_REMOTE_READONLY</c> (<c>1</c> or <c>true</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Sent)]
    public bool? RemoteReadOnly
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(RemoteReadOnly));
            field = value;
        }
    }

    internal bool IsFrozen => _mark.IsSetBy(this);

    private FreezeMark _mark;

    internal void Freeze() => _mark.Set(this);

    private bool PrintMembers(StringBuilder builder) => OptionsText.PrintMembers(this, builder);
}
