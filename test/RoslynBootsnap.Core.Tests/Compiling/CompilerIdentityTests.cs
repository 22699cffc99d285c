using RoslynBootsnap.Caching;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling;

public sealed class CompilerIdentityTests
{
    private static readonly string[] Files = [.. CompilerIdentity.AssemblyNames.Select(n => Path.Join(AppContext.BaseDirectory, n + ".dll"))];

    [Test]
    public void Current_HostWithCompiler_IsTheDigestOfTheLoadedCompilerAndRoslyn()
    {
        var loaded = new[] { typeof(RoslynScriptCompiler), typeof(Microsoft.CodeAnalysis.Compilation), typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation) }
            .Select(t => (ulong?)FileDigest.OfModuleVersionId(t.Assembly.ManifestModule.ModuleVersionId))
            .ToList();

        Assert.That(CompilerIdentity.Current, Is.Not.Zero);
        Assert.That(CompilerIdentity.Current, Is.EqualTo(CompilerIdentity.Of(loaded)));
        Assert.That(CompilerIdentity.OfFiles(Files), Is.EqualTo(CompilerIdentity.Current), "the files read before a load are the ones loaded");
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void OfFiles_OneCompilerAssemblyRebuilt_Changes(int rebuilt)
    {
        using var temp = new TempDirectory();
        var copies = Files.Select(f => temp.Combine(Path.GetFileName(f))).ToList();
        for (var i = 0; i < Files.Length; i++)
        {
            File.Copy(Files[i], copies[i]);
        }

        var before = CompilerIdentity.OfFiles(copies);
        // Another assembly in its place: another module version id, as a rebuild gives.
        File.Copy(typeof(CompilerIdentityTests).Assembly.Location, copies[rebuilt], overwrite: true);

        Assert.That(before, Is.EqualTo(CompilerIdentity.OfFiles(Files)));
        Assert.That(CompilerIdentity.OfFiles(copies), Is.Not.EqualTo(before));
    }

    [Test]
    public void OfFiles_NoCompilerPart_Zero()
    {
        using var temp = new TempDirectory();

        Assert.That(CompilerIdentity.OfFiles([temp.Combine("RoslynBootsnap.Compiler.dll"), Files[1], Files[2]]), Is.Zero);
    }
}
