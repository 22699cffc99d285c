namespace RoslynBootsnap.Caching.Remote;

/// <summary>Opens the remote store a connection string names: the seam a remote backend comes in through.</summary>
internal interface IRemoteStoreProvider
{
    /// <summary>The store for <paramref name="connection"/>, opened lazily by the store itself.</summary>
    /// <exception cref="RemoteStoreException">The connection string cannot be used.</exception>
    IRemoteStore Open(string connection);
}
