namespace RoslynBootsnap;

/// <summary>The options for package references: <c>#r "nuget: Id, Version"</c> and <c>#load "nuget: Id, Version"</c>.</summary>
public sealed partial record ScriptCacheOptions
{
    /// <summary>
    /// Whether scripts may reference NuGet packages. <see langword="true"/> by default; a host that wants its
    /// plugins to use only what it supplies turns it off, and a script with a package reference then fails to
    /// compile with an error naming the directive. Part of the entry's key.
    /// </summary>
    public bool AllowPackageReferences { get; init; } = true;

    /// <summary>
    /// How long a floating package version (<c>1.*</c>, a range, or none) is served from the entry before it is
    /// resolved again. <see langword="null"/> means one day; <see cref="TimeSpan.Zero"/> resolves it on every
    /// compile-time check. Pinned versions are never resolved again while their files are in place. Not part of
    /// any key.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan? PackageRefreshInterval
    {
        get => _packageRefreshInterval;
        init
        {
            if (value is { } interval)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero, nameof(PackageRefreshInterval));
            }

            _packageRefreshInterval = value;
        }
    }

    private TimeSpan? _packageRefreshInterval;
}
