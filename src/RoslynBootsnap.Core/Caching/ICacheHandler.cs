namespace RoslynBootsnap.Caching;

/// <summary>
/// Turns source bytes (the <em>input</em>) into cacheable bytes (the <em>storage</em> form) and either into
/// the loaded result (the <em>output</em> form). The engine knows nothing else about what it caches.
/// </summary>
internal interface ICacheHandler<TOutput>
    where TOutput : class
{
    /// <summary>A 32-bit hash of every compile input other than the source, in a canonical form.</summary>
    uint CompileOptions { get; }

    /// <summary>
    /// The identity of the compiler this host compiles with, recorded in each entry it writes; 0 when the host has
    /// none. Read only when an entry is checked or written, never when the cache is opened: a host with a compiler
    /// treats an entry of another compiler as stale, one without serves it.
    /// </summary>
    ulong CompilerIdentity { get; }

    /// <summary>
    /// Compiles the source to its storage form and names the files it depends on, or answers
    /// <see cref="HandlerResult{T}.Uncompilable"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing was produced.</exception>
    HandlerResult<CompiledStorage> InputToStorage(ReadOnlyMemory<byte> input, string path, CancellationToken cancellationToken);

    /// <summary>Loads the storage form; <see cref="HandlerResult{T}.None"/> means the stored bytes are unusable.</summary>
    /// <param name="storage">The stored bytes.</param>
    /// <param name="path">The source's full path.</param>
    /// <param name="dependencyPaths">
    /// The entry's dependencies in manifest order, each where it is on this host: the files validation just
    /// checked. Whatever the output loads from disk is named here, never by a path inside the storage form.
    /// </param>
    HandlerResult<TOutput> StorageToOutput(ReadOnlyMemory<byte> storage, string path, IReadOnlyList<string> dependencyPaths);

    /// <summary>Produces the output straight from source, without the cache.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing was produced.</exception>
    TOutput InputToOutput(ReadOnlyMemory<byte> input, string path, CancellationToken cancellationToken);
}
