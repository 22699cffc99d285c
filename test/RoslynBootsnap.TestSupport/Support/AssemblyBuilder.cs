using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RoslynBootsnap.Tests.Support;

/// <summary>Builds small real class libraries for <c>#r</c> tests.</summary>
internal static class AssemblyBuilder
{
    /// <summary>Builds a library, compiled against the core framework and any <paramref name="references"/> (DLL paths).</summary>
    public static void Build(string path, string assemblyName, string code, params string[] references) =>
        Build(path, assemblyName, code, strongNamed: false, references);

    /// <summary>
    /// Builds a library; a <paramref name="strongNamed"/> one is public-signed with the compiler's own public key,
    /// enough for the compiler to compare versions (and unify them) as it does for signed packages.
    /// </summary>
    public static void Build(string path, string assemblyName, string code, bool strongNamed, params string[] references)
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll");
        var all = framework.Concat(references).Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(code)],
            all,
            strongNamed
                ? new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, publicSign: true, cryptoPublicKey: [.. typeof(CSharpCompilation).Assembly.GetName().GetPublicKey()!])
                : new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        }
    }
}
