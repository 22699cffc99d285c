namespace RoslynBootsnap.Caching;

/// <summary>
/// Another process that brings an entry up to date for this cache, so that a miss here loads the entry as a
/// hit instead of loading the compiler.
/// </summary>
internal interface IOutOfProcessCompiler
{
    /// <summary>
    /// Asks for the entry of <paramref name="path"/> to be compiled and written. Answers <see langword="null"/>
    /// when it was, or the <see cref="CacheSteps"/> reason to compile in process instead, with the failure if any.
    /// Every wait in it is bounded.
    /// </summary>
    /// <exception cref="ScriptCompilationException">The script has compile errors.</exception>
    string? Compile(string path, CancellationToken cancellationToken, out Exception? failure);
}
