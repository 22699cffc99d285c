using System.Globalization;

namespace RoslynBootsnap.Platform;

/// <summary>
/// The users, besides the current user and root, whose cache files and directories are trusted: the build
/// user that writes a shared cache, say. Set by <see cref="TrustOptions.Owners"/> or, when the
/// options leave it open, by <c>ROSLYN_BOOTSNAP_TRUSTED_OWNERS</c>.
/// </summary>
internal sealed class OwnerTrust
{
    /// <summary>Nobody beyond the current user and root: the default.</summary>
    public static readonly OwnerTrust None = new([], null);

    // The last value read from the environment and what it meant: the variable is read on every load, and
    // parsing it each time would be work on the warm path for nothing.
    private static Tuple<string, OwnerTrust>? _lastParsed;

    private readonly uint[] _owners;

    private OwnerTrust(uint[] owners, string? ignored)
    {
        _owners = owners;
        Ignored = ignored;
    }

    /// <summary>
    /// Why a value of <c>ROSLYN_BOOTSNAP_TRUSTED_OWNERS</c> was ignored, to be named wherever it makes an
    /// owner untrusted; <see langword="null"/> when nothing was ignored.
    /// </summary>
    public string? Ignored { get; }

    /// <summary>The trusted user ids, in the order given.</summary>
    public IReadOnlyList<uint> Owners => _owners;

    /// <summary>The trust for user ids given in the options; the caller has checked that none is negative.</summary>
    public static OwnerTrust From(IReadOnlyList<int> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        if (owners.Count == 0)
        {
            return None;
        }

        var ids = new uint[owners.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = checked((uint)owners[i]);
        }

        return new OwnerTrust(ids, null);
    }

    /// <summary>The trust <c>ROSLYN_BOOTSNAP_TRUSTED_OWNERS</c> asks for; <see cref="None"/> when it is unset.</summary>
    public static OwnerTrust FromEnvironment()
    {
        var value = ScriptEnvironment.TrustedOwners;
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var last = Volatile.Read(ref _lastParsed);
        if (last is not null && string.Equals(last.Item1, value, StringComparison.Ordinal))
        {
            return last.Item2;
        }

        var parsed = Parse(value);
        Volatile.Write(ref _lastParsed, Tuple.Create(value, parsed));
        return parsed;
    }

    /// <summary>
    /// Parses a comma-separated list of user ids. A malformed value is ignored as a whole, never half applied,
    /// and never an exception: a typo in the environment must not stop a script from running.
    /// </summary>
    public static OwnerTrust Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var ids = new List<uint>();
        foreach (var part in value.Split(','))
        {
            var item = part.Trim();
            if (item.Length == 0)
            {
                continue;
            }

            if (!uint.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id > int.MaxValue)
            {
                return new OwnerTrust([], $"{ScriptCache.TrustedOwnersVariable}='{value}' was ignored: '{item}' is not a user id");
            }

            ids.Add(id);
        }

        return ids.Count == 0 ? None : new OwnerTrust([.. ids], null);
    }

    /// <summary>Whether files of this owner are trusted, given the current user (-1 when unknown).</summary>
    public bool Trusts(uint owner, long currentUser)
    {
        if (currentUser < 0 || owner == currentUser || owner == 0)
        {
            return true;
        }

        foreach (var trusted in _owners)
        {
            if (trusted == owner)
            {
                return true;
            }
        }

        return false;
    }
}
