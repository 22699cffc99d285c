namespace RoslynBootsnap.Caching;

/// <summary>How a dependency's identity is proven when its timestamp moves.</summary>
internal enum DependencyKind : byte
{
    /// <summary>A source file (<c>#load</c>): the digest is XxHash64 of its bytes.</summary>
    Source = 1,

    /// <summary>An assembly (<c>#r</c> or an extra reference): the digest is XxHash64 of its module version id.</summary>
    Assembly = 2,

    /// <summary>
    /// A package reference whose version floats (<c>1.*</c>, a range): <see cref="Dependency.Path"/> is the directive and
    /// <see cref="Dependency.MtimeTicks"/> when it was resolved. The entry is stale once the refresh interval has passed.
    /// </summary>
    Refresh = 3,
}
