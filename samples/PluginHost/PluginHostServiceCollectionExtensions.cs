using Microsoft.Extensions.DependencyInjection;
using RoslynBootsnap;

namespace PluginHost;

/// <summary>Registers the plugin host and the compile cache it loads plugins through.</summary>
public static class PluginHostServiceCollectionExtensions
{
    /// <param name="services">The service collection.</param>
    /// <param name="pluginDirectory">The folder of plugins.</param>
    /// <param name="cacheDirectory">The cache dir; the default one when omitted.</param>
    public static IServiceCollection AddPluginHost(this IServiceCollection services, string pluginDirectory, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(pluginDirectory);
        services.AddSingleton<CacheOutcomes>();
        services.AddRoslynBootsnap(provider => PluginManager.CacheOptions(cacheDirectory, provider.GetRequiredService<CacheOutcomes>()));
        services.AddSingleton(provider => new PluginManager(
            pluginDirectory,
            provider.GetRequiredService<ICompiledScriptCache>(),
            provider.GetRequiredService<CacheOutcomes>()));
        return services;
    }
}
