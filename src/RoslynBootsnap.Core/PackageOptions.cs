using System.Text;

namespace RoslynBootsnap;

/// <summary>
/// The options for package references, <c>#r "nuget: Id, Version"</c> and <c>#load "nuget: Id, Version"</c>: set on
/// <see cref="ScriptCacheOptions.Packages"/>. Settable until a cache freezes the options that hold them.
/// </summary>
public sealed record PackageOptions
{
    /// <summary>
    /// Whether scripts may reference NuGet packages. <see langword="true"/> by default; a host that wants its
    /// plugins to use only what it supplies turns it off, and a script with a package reference then fails to
    /// compile with an error naming the directive. Part of the entry's key.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Key | OptionUse.Sent)]
    public bool Enabled
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(Enabled));
            field = value;
        }
    } = true;

    /// <summary>
    /// How long a floating package version (<c>1.*</c>, a range, or none) is served from the entry before it is
    /// resolved again. <see langword="null"/> means one day; <see cref="TimeSpan.Zero"/> resolves it on every
    /// compile-time check. Pinned versions are never resolved again while their files are in place. Not part of
    /// any key.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    [Option(OptionUse.Sent)]
    public TimeSpan? RefreshInterval
    {
        get;
        set
        {
            _mark.ThrowIfFrozen(this, nameof(RefreshInterval));
            if (value is { } interval)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero, nameof(RefreshInterval));
            }

            field = value;
        }
    }

    internal bool IsFrozen => _mark.IsSetBy(this);

    private FreezeMark _mark;

    internal void Freeze() => _mark.Set(this);

    private bool PrintMembers(StringBuilder builder) => OptionsText.PrintMembers(this, builder);
}
