using RoslynBootsnap.Caching.Remote;

namespace RoslynBootsnap;

/// <summary>Puts the Redis remote tier into a cache a <see cref="ScriptCacheBuilder"/> composes.</summary>
public static class RedisScriptCacheBuilderExtensions
{
    /// <summary>
    /// Shares entries through Redis in front of the local ones, whatever <see cref="FleetOptions.Remote"/>
    /// and the environment name. Values are signed with the key from the options or the environment, as for any
    /// remote tier; without one the tier is off and each local miss says why.
    /// </summary>
    /// <param name="builder">The cache's builder.</param>
    /// <param name="connection"><c>redis://host:port[,options]</c>, as <see cref="FleetOptions.Remote"/> takes it.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ScriptCacheBuilder UseRedisTier(this ScriptCacheBuilder builder, string connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        return builder.UseRemoteStore(connection, RedisRemoteStore.For);
    }
}
