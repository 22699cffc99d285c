namespace RoslynBootsnap.Caching;

/// <summary>How a dependency's identity is proven when its timestamp moves.</summary>
internal enum DependencyKind : byte
{
    /// <summary>A source file (<c>#load</c>): the digest is XxHash64 of its bytes.</summary>
    Source = 1,

    /// <summary>An assembly (<c>#r</c> or an extra reference): the digest is XxHash64 of its module version id.</summary>
    Assembly = 2,
}
