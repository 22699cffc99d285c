namespace RoslynBootsnap.Caching;

/// <summary>What a handler's input-to-storage produces: the bytes to cache and the files they depend on.</summary>
internal sealed class CompiledStorage
{
    public CompiledStorage(byte[] payload, IReadOnlyList<Dependency> dependencies, IReadOnlyList<string>? relativelyNamed = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(dependencies);
        Payload = payload;
        Dependencies = dependencies;
        RelativelyNamed = relativelyNamed ?? [];
    }

    public byte[] Payload { get; }

    public IReadOnlyList<Dependency> Dependencies { get; }

    /// <summary>
    /// The paths of the dependencies the source named relatively to its own tree: from another place, the same
    /// names would reach other files. One outside the base binds the entry to the base (see <see cref="PathBase"/>).
    /// </summary>
    public IReadOnlyList<string> RelativelyNamed { get; }
}
