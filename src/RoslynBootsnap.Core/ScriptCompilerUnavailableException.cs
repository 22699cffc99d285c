namespace RoslynBootsnap;

/// <summary>
/// A script had no current entry and this host ships no compiler: it references <c>RoslynBootsnap.Core</c>
/// alone, which loads precompiled entries only. Precompile the cache (a build step, or
/// <c>roslyn-bootsnap precompile</c>), or reference <c>RoslynBootsnap</c> (or <c>RoslynBootsnap.Compiler</c>) to compile misses too.
/// </summary>
public sealed class ScriptCompilerUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception for the script that could not be compiled.</summary>
    /// <param name="path">The script's full path.</param>
    public ScriptCompilerUnavailableException(string path)
        : base($"'{path}' has no current entry in the cache, and this host has no compiler to compile it: it references RoslynBootsnap.Core alone. Precompile the cache, or reference RoslynBootsnap (or RoslynBootsnap.Compiler).")
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
    }

    /// <summary>The script that needed a compile.</summary>
    public string Path { get; }
}
