using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>Compiles a small library for a test to scan, against the runtime and Roslyn.</summary>
internal static class TestAssembly
{
    /// <summary>Writes the library <paramref name="code"/> makes to <paramref name="path"/>; fails the test if it does not compile.</summary>
    public static void Build(string path, string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "System.Collections.Immutable.dll")
            .Concat([typeof(Location).Assembly.Location, typeof(Microsoft.CodeAnalysis.Scripting.Script).Assembly.Location])
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(path),
            [CSharpSyntaxTree.ParseText(code)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = File.Create(path);
        var result = compilation.Emit(stream);
        Assert.That(result.Success, Is.True, string.Join(Environment.NewLine, result.Diagnostics));
    }
}
