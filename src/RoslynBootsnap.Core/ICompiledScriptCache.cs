namespace RoslynBootsnap;

/// <summary>
/// Loads C# scripts through an on-disk compile cache. <see cref="CompiledScriptCache"/> is the implementation;
/// the interface lets a host register it for dependency injection and substitute its own.
/// </summary>
public interface ICompiledScriptCache
{
    /// <summary>Loads a script, compiling it only when its cache entry is missing or stale.</summary>
    /// <param name="path">The .csx file; relative paths resolve against the current directory.</param>
    /// <returns>The loaded script. Dispose it to unload.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ScriptSourceException">The script cannot be opened or read.</exception>
    /// <exception cref="ScriptCompilationException">The script has compile errors; nothing was cached.</exception>
    LoadedScript Load(string path);

    /// <summary>
    /// Loads a script, compiling it only when its cache entry is missing or stale. A current entry is loaded
    /// synchronously; the wait for another caller's compile of the same script is asynchronous.
    /// </summary>
    /// <param name="path">The .csx file; relative paths resolve against the current directory.</param>
    /// <param name="cancellationToken">
    /// Cancels the wait for another caller's compile and the compile itself. A cancelled load writes no entry
    /// and leaves any existing one as it was.
    /// </param>
    /// <returns>The loaded script. Dispose it to unload.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ScriptSourceException">The script cannot be opened or read.</exception>
    /// <exception cref="ScriptCompilationException">The script has compile errors; nothing was cached.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    ValueTask<LoadedScript> LoadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings a script's cache entry up to date without loading or running it, as a build step or a
    /// container-image step would.
    /// </summary>
    /// <param name="path">The .csx file.</param>
    /// <returns><see langword="true"/> when a valid entry exists afterwards; <see langword="false"/> when it could not be written.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ScriptSourceException">The script cannot be opened or read.</exception>
    /// <exception cref="ScriptCompilationException">The script has compile errors; nothing was cached.</exception>
    bool Precompile(string path);

    /// <summary>
    /// Brings a script's cache entry up to date without loading or running it; the wait for another caller's
    /// compile of the same script is asynchronous.
    /// </summary>
    /// <param name="path">The .csx file.</param>
    /// <param name="cancellationToken">Cancels the wait and the compile; a cancelled call writes no entry.</param>
    /// <returns><see langword="true"/> when a valid entry exists afterwards; <see langword="false"/> when it could not be written.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ScriptSourceException">The script cannot be opened or read.</exception>
    /// <exception cref="ScriptCompilationException">The script has compile errors; nothing was cached.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    ValueTask<bool> PrecompileAsync(string path, CancellationToken cancellationToken = default);
}
