using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RoslynBootsnap;
using RoslynBootsnap.Composition;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the compile cache for C# scripts with a service collection.</summary>
public static class ScriptCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CompiledScriptCache"/> as a singleton, also as <see cref="ICompiledScriptCache"/>, composed
    /// by a <see cref="ScriptCacheBuilder"/> from the <see cref="IOptions{TOptions}"/> of <see cref="ScriptCacheOptions"/>
    /// already registered (the defaults when none is; <c>services.Configure&lt;ScriptCacheOptions&gt;(configuration)</c>
    /// binds them, groups included, and the cache freezes them when it is built), the container's
    /// <see cref="ILoggerFactory"/> and <see cref="IMeterFactory"/>, when it has them, and the steps added through the
    /// builder returned. A cache already registered is kept.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The registration, on which the parts add themselves: <c>.AddRedisTier(connection)</c>, say.</returns>
    public static RoslynBootsnapBuilder AddRoslynBootsnap(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton(CreateCache);
        services.TryAddSingleton<ICompiledScriptCache>(provider => provider.GetRequiredService<CompiledScriptCache>());
        return new RoslynBootsnapBuilder(services);
    }

    /// <summary>Registers the cache as <see cref="AddRoslynBootsnap(IServiceCollection)"/> does, with these options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">The cache's options, registered as they are; the cache freezes them when it is built.</param>
    /// <returns>The registration, on which the parts add themselves.</returns>
    public static RoslynBootsnapBuilder AddRoslynBootsnap(this IServiceCollection services, ScriptCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(Options.Options.Create(options));
        return services.AddRoslynBootsnap();
    }

    /// <summary>
    /// Registers the cache as <see cref="AddRoslynBootsnap(IServiceCollection)"/> does, with options built from
    /// other services when the cache is first resolved: an event callback that feeds a service of the host's, say.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="optionsFactory">Builds the cache's options; called once.</param>
    /// <returns>The registration, on which the parts add themselves.</returns>
    public static RoslynBootsnapBuilder AddRoslynBootsnap(this IServiceCollection services, Func<IServiceProvider, ScriptCacheOptions> optionsFactory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(optionsFactory);
        services.AddSingleton<IOptions<ScriptCacheOptions>>(provider => Options.Options.Create(optionsFactory(provider)));
        return services.AddRoslynBootsnap();
    }

    /// <summary>Registers the cache as <see cref="AddRoslynBootsnap(IServiceCollection)"/> does.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddScriptCache(this IServiceCollection services) => services.AddRoslynBootsnap().Services;

    /// <summary>Registers the cache as <see cref="AddRoslynBootsnap(IServiceCollection, ScriptCacheOptions)"/> does.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">The cache's options, registered as they are; the cache freezes them when it is built.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddScriptCache(this IServiceCollection services, ScriptCacheOptions options) =>
        services.AddRoslynBootsnap(options).Services;

    /// <summary>Registers the cache as <see cref="AddRoslynBootsnap(IServiceCollection, Func{IServiceProvider, ScriptCacheOptions})"/> does.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="optionsFactory">Builds the cache's options; called once.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddScriptCache(this IServiceCollection services, Func<IServiceProvider, ScriptCacheOptions> optionsFactory) =>
        services.AddRoslynBootsnap(optionsFactory).Services;

    private static CompiledScriptCache CreateCache(IServiceProvider provider)
    {
        var builder = new ScriptCacheBuilder(provider.GetRequiredService<IOptions<ScriptCacheOptions>>().Value)
            .UseLoggerFactory(provider.GetService<ILoggerFactory>())
            .UseMeterFactory(provider.GetService<IMeterFactory>());
        foreach (var step in provider.GetServices<ScriptCacheConfiguration>())
        {
            step.Apply(provider, builder);
        }

        return builder.Build();
    }
}
