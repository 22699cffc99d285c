namespace RoslynBootsnap.Caching;

/// <summary>
/// How a miss that holds its entry's gate gets compiled: in this process (<see cref="InProcessCompileStrategy"/>)
/// or by another process that writes the entry (the compile server's strategy). The engine asks; it does not branch.
/// </summary>
internal interface ICompileStrategy
{
    /// <summary>The output for <paramref name="miss"/>, its entry written when the cache may write it.</summary>
    /// <exception cref="ScriptCompilationException">The script has compile errors.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    TOutput Compile<TOutput>(CompileMiss<TOutput> miss, CancellationToken cancellationToken)
        where TOutput : class;
}
