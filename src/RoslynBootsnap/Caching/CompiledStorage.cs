namespace RoslynBootsnap.Caching;

/// <summary>What a handler's input-to-storage produces: the bytes to cache and the files they depend on.</summary>
internal sealed class CompiledStorage
{
    public CompiledStorage(byte[] payload, IReadOnlyList<Dependency> dependencies)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(dependencies);
        Payload = payload;
        Dependencies = dependencies;
    }

    public byte[] Payload { get; }

    public IReadOnlyList<Dependency> Dependencies { get; }
}
