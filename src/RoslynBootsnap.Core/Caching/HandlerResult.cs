namespace RoslynBootsnap.Caching;

/// <summary>
/// What a handler answers: a value, <em>uncompilable</em> (fall back to input-to-output and cache
/// nothing) or <em>none</em> (the stored form is unusable: delete the entry and fall back).
/// </summary>
internal readonly struct HandlerResult<T>
    where T : class
{
    private HandlerResult(T? value, bool isUncompilable)
    {
        Value = value;
        IsUncompilable = isUncompilable;
    }

    /// <summary>The marker bootsnap calls <c>UNCOMPILABLE</c>.</summary>
    public static HandlerResult<T> Uncompilable => new(null, isUncompilable: true);

    /// <summary>No value: bootsnap's <c>nil</c>.</summary>
    public static HandlerResult<T> None => default;

    public T? Value { get; }

    public bool IsUncompilable { get; }

    public static HandlerResult<T> From(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, isUncompilable: false);
    }
}
