namespace RoslynBootsnap.Composition;

/// <summary>
/// One step of <see cref="RoslynBootsnapBuilder.Configure"/>, registered as a service so that every registration
/// of the cache, however many builders made them, reaches the one cache the container builds.
/// </summary>
internal sealed class ScriptCacheConfiguration
{
    private readonly Action<IServiceProvider, ScriptCacheBuilder> _configure;

    public ScriptCacheConfiguration(Action<IServiceProvider, ScriptCacheBuilder> configure) => _configure = configure;

    public void Apply(IServiceProvider services, ScriptCacheBuilder builder) => _configure(services, builder);
}
