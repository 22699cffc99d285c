namespace RoslynBootsnap.Caching;

/// <summary>The outcome of reading an entry file.</summary>
internal enum CacheReadStatus
{
    /// <summary>No entry exists at the path.</summary>
    Missing,

    /// <summary>The entry was read whole.</summary>
    Read,

    /// <summary>The file is larger than any sane entry and was not read.</summary>
    TooLarge,

    /// <summary>A symbolic link is at the entry path; it was not followed.</summary>
    SymbolicLink,
}
