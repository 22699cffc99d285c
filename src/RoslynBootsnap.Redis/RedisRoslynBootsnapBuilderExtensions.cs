using RoslynBootsnap;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Redis remote tier to the compile cache registered with <c>services.AddRoslynBootsnap()</c>.</summary>
public static class RedisRoslynBootsnapBuilderExtensions
{
    /// <summary>
    /// Shares the registered cache's entries through Redis, as <see cref="RedisScriptCacheBuilderExtensions.UseRedisTier"/> does.
    /// </summary>
    /// <param name="builder">The cache's registration.</param>
    /// <param name="connection"><c>redis://host:port[,options]</c>, as <see cref="FleetOptions.Remote"/> takes it.</param>
    /// <returns>The registration, for chaining.</returns>
    public static RoslynBootsnapBuilder AddRedisTier(this RoslynBootsnapBuilder builder, string connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        return builder.Configure((_, cache) => cache.UseRedisTier(connection));
    }
}
