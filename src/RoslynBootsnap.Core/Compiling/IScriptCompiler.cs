namespace RoslynBootsnap.Compiling;

/// <summary>
/// Compiles a script's source to the cache's storage form. The core calls it on a miss only; a hit never
/// reaches it, so a host of the core alone runs a baked cache with no compiler present.
/// </summary>
internal interface IScriptCompiler
{
    /// <summary>Compiles <paramref name="input"/>, the source of <paramref name="path"/>, with <paramref name="settings"/>.</summary>
    /// <exception cref="ScriptCompilationException">The script has errors.</exception>
    /// <exception cref="ScriptSourceException">The script is not UTF-8 text.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    CompileResult Compile(ReadOnlyMemory<byte> input, string path, CompileSettings settings, CancellationToken cancellationToken);
}
