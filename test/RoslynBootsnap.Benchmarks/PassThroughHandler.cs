using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Benchmarks;

/// <summary>
/// A handler with no compiler: the stored form is the source itself and loading returns it. Isolates the
/// engine's own cost (stat, read, checks, write) from Roslyn's and the loader's.
/// </summary>
internal sealed class PassThroughHandler : ICacheHandler<byte[]>
{
    public uint CompileOptions => 1;

    public ulong CompilerIdentity => 0;

    public HandlerResult<CompiledStorage> InputToStorage(ReadOnlyMemory<byte> input, string path, CancellationToken cancellationToken) =>
        HandlerResult<CompiledStorage>.From(new CompiledStorage(input.ToArray(), []));

    public HandlerResult<byte[]> StorageToOutput(ReadOnlyMemory<byte> storage, string path, IReadOnlyList<string> dependencyPaths) =>
        HandlerResult<byte[]>.From(storage.ToArray());

    public byte[] InputToOutput(ReadOnlyMemory<byte> input, string path, CancellationToken cancellationToken) => input.ToArray();
}
