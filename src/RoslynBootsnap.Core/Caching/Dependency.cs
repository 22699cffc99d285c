namespace RoslynBootsnap.Caching;

/// <summary>
/// A file other than the script itself that went into an entry, as it was when it was compiled: the size and
/// mtime are read before the content, so a change racing the compile shows up as a changed mtime, never as a
/// stale digest.
/// </summary>
internal readonly record struct Dependency(DependencyKind Kind, string Path, long Size, long MtimeTicks, ulong Digest);
