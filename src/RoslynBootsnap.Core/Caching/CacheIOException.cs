namespace RoslynBootsnap.Caching;

/// <summary>
/// A failed step of reading or writing a cache entry. The engine turns it into an event rather than
/// letting it stop the script: a cache fault must never be an outage.
/// </summary>
internal sealed class CacheIOException : IOException
{
    public CacheIOException(string step, string path, Exception innerException)
        : base($"{step} failed for '{path}': {innerException.Message}", innerException)
    {
        Step = step;
        Path = path;
    }

    /// <summary>The step that failed, such as <c>mkdir</c>, <c>create-temp</c>, <c>write</c> or <c>rename</c>.</summary>
    public string Step { get; }

    /// <summary>The file or directory the step worked on.</summary>
    public string Path { get; }
}
