namespace RoslynBootsnap.Caching.Remote;

/// <summary>A remote store operation that failed or timed out; <see cref="Step"/> names it (one of <see cref="CacheSteps"/>).</summary>
internal sealed class RemoteStoreException : IOException
{
    public RemoteStoreException(string step, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Step = step;
    }

    public string Step { get; }
}
