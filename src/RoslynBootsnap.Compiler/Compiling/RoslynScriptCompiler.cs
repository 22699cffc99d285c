namespace RoslynBootsnap.Compiling;

/// <summary>The Roslyn compiler behind the core's compile seam; the core finds this type by name (see <c>ScriptParts</c>).</summary>
internal sealed class RoslynScriptCompiler : IScriptCompiler
{
    public CompileResult Compile(ReadOnlyMemory<byte> input, string path, CompileSettings settings, CancellationToken cancellationToken) =>
        ScriptCompiler.Compile(input, path, settings, cancellationToken);
}
