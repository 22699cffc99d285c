using System.Runtime.CompilerServices;

namespace RoslynBootsnap.Cli;

/// <summary>
/// Recognises a compile error away from the run path. <see cref="ScriptCompilationException"/> exposes
/// Roslyn types, and the JIT loads the types a method names, catch clauses included; behind a
/// non-inlined call, its type is resolved only once a compile error has actually been thrown.
/// </summary>
internal static class CompileFailure
{
    /// <summary>Whether the exception is a compile error; its message then holds the diagnostics in csc format.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Is(Exception exception) => exception is ScriptCompilationException;
}
