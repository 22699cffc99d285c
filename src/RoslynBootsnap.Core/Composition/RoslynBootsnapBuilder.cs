using Microsoft.Extensions.DependencyInjection;
using RoslynBootsnap.Composition;

namespace RoslynBootsnap;

/// <summary>
/// The compile cache's registration with a service collection, as <c>services.AddRoslynBootsnap()</c> returns it:
/// the parts add themselves to the cache through it (<c>.AddRedisTier(connection)</c>, say).
/// </summary>
public sealed class RoslynBootsnapBuilder
{
    internal RoslynBootsnapBuilder(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>The service collection the cache is registered with.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Adds a step to the composition of the cache, run when it is first resolved, after the options and the
    /// container's logger and meter factories are applied; steps run in the order they were added.
    /// </summary>
    /// <param name="configure">Changes the builder, with the container at hand.</param>
    /// <returns>This builder, for chaining.</returns>
    public RoslynBootsnapBuilder Configure(Action<IServiceProvider, ScriptCacheBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddSingleton(new ScriptCacheConfiguration(configure));
        return this;
    }
}
