using System.Text;

namespace RoslynBootsnap;

/// <summary>
/// Whose entries a cache loads and how it proves them current: set on <see cref="ScriptCacheOptions.Trust"/>.
/// Settable until a cache freezes the options that hold them.
/// </summary>
public sealed record TrustOptions
{
    /// <summary>
    /// User ids, besides the current user and root, whose cache dirs and entries are trusted and loaded: the
    /// build user that writes a cache the others read, say. <see langword="null"/> (the default) reads
    /// <c>ROSLYN_BOOTSNAP_TRUSTED_OWNERS</c>, a comma-separated list; an empty list trusts nobody else, whatever
    /// the environment says. A trusted owner's files must still be no symbolic links and not writable by
    /// group or others. The list is copied when set, so changing it afterwards changes no options object.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A user id is negative.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Sent)]
    public IReadOnlyList<int>? Owners
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(Owners));
            if (value is null)
            {
                field = null;
                OwnerTrust = null;
                return;
            }

            var copy = new int[value.Count];
            for (var i = 0; i < copy.Length; i++)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(value[i], nameof(Owners));
                copy[i] = value[i];
            }

            field = copy;
            OwnerTrust = Platform.OwnerTrust.From(copy);
        }
    }

    /// <summary>How entries are proven current; <see cref="ValidationMode.Full"/> unless you opt into the risk.</summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Sent)]
    public ValidationMode Validation
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(Validation));
            field = value;
        }
    } = ValidationMode.Full;

    /// <summary>The trusted owners as the engine judges them; <see langword="null"/> to read the environment.</summary>
    internal Platform.OwnerTrust? OwnerTrust { get; private set; }

    internal bool IsFrozen => _mark.IsSetBy(this);

    private FreezeMark _mark;

    internal void Freeze() => _mark.Set(this);

    private bool PrintMembers(StringBuilder builder) => OptionsText.PrintMembers(this, builder);
}
