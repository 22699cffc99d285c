namespace RoslynBootsnap.Caching.Remote;

/// <summary>Redis behind the core's remote-store seam; the core finds this type by name (see <c>ScriptParts</c>).</summary>
internal sealed class RedisStoreProvider : IRemoteStoreProvider
{
    public IRemoteStore Open(string connection) => RedisRemoteStore.For(connection);
}
