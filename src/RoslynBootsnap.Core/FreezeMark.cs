namespace RoslynBootsnap;

/// <summary>
/// A mark an options object sets on itself: that it is frozen, or that the groups it holds are its own. It holds
/// the object that set it rather than a flag: a record's <c>with</c> copies every field, so a copy carries its
/// original's mark and, being another object, is neither frozen nor the owner of the groups it shares. Always
/// equal to another mark, so that it is no part of the record's equality.
/// </summary>
internal struct FreezeMark : IEquatable<FreezeMark>
{
    private object? _setBy;

    public readonly bool IsSetBy(object owner) => ReferenceEquals(_setBy, owner);

    public void Set(object owner) => _setBy = owner;

    /// <exception cref="InvalidOperationException">The owner set this mark: it is frozen.</exception>
    public readonly void ThrowIfFrozen(object owner, string property)
    {
        if (IsSetBy(owner))
        {
            throw new InvalidOperationException(
                $"{owner.GetType().Name}.{property} cannot be set: these options are frozen, as a cache freezes the options it is given. Set it on a copy (options with {{ }}).");
        }
    }

    public readonly bool Equals(FreezeMark other) => true;

    public override readonly bool Equals(object? obj) => obj is FreezeMark;

    public override readonly int GetHashCode() => 0;
}
