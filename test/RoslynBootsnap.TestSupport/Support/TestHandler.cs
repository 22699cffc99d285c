using System.Text;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// A handler with no compiler: storage is the source upper-cased, output wraps the text. Its knobs make
/// it answer uncompilable or none, to drive the engine's fallbacks.
/// </summary>
internal sealed class TestHandler : ICacheHandler<TestOutput>
{
    public uint CompileOptions { get; init; } = 7;

    public ulong CompilerIdentity { get; init; } = 0x7e57;

    public bool InputToStorageUncompilable { get; init; }

    public bool StorageToOutputUncompilable { get; init; }

    public bool StorageToOutputNone { get; init; }

    /// <summary>Runs at the start of each "compile", with its token: a test blocks or cancels there.</summary>
    public Action<CancellationToken>? Compiling { get; init; }

    /// <summary>Files the "compile" claims to depend on; recorded with their current size, mtime and digest.</summary>
    public IReadOnlyList<string> SourceDependencies { get; init; } = [];

    private int _inputToStorageCalls;
    private int _storageToOutputCalls;
    private int _inputToOutputCalls;

    public int InputToStorageCalls => _inputToStorageCalls;

    public int StorageToOutputCalls => _storageToOutputCalls;

    public int InputToOutputCalls => _inputToOutputCalls;

    public HandlerResult<CompiledStorage> InputToStorage(ReadOnlyMemory<byte> input, string path, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inputToStorageCalls);
        Compiling?.Invoke(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (InputToStorageUncompilable)
        {
            return HandlerResult<CompiledStorage>.Uncompilable;
        }

        var dependencies = SourceDependencies
            .Select(d => new FileInfo(d))
            .Select(f => new Dependency(DependencyKind.Source, f.FullName, f.Length, f.LastWriteTimeUtc.Ticks, FileDigest.OfFile(f.FullName)))
            .ToList();
        var payload = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(input.Span).ToUpperInvariant());
        return HandlerResult<CompiledStorage>.From(new CompiledStorage(payload, dependencies));
    }

    public HandlerResult<TestOutput> StorageToOutput(ReadOnlyMemory<byte> storage, string path, IReadOnlyList<string> dependencyPaths)
    {
        Interlocked.Increment(ref _storageToOutputCalls);
        if (StorageToOutputUncompilable)
        {
            return HandlerResult<TestOutput>.Uncompilable;
        }

        return StorageToOutputNone
            ? HandlerResult<TestOutput>.None
            : HandlerResult<TestOutput>.From(new TestOutput(Encoding.UTF8.GetString(storage.Span), FromStorage: true));
    }

    public TestOutput InputToOutput(ReadOnlyMemory<byte> input, string path, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inputToOutputCalls);
        return new TestOutput(Encoding.UTF8.GetString(input.Span).ToUpperInvariant(), FromStorage: false);
    }
}

/// <summary>The test handler's output form.</summary>
internal sealed record TestOutput(string Text, bool FromStorage);
