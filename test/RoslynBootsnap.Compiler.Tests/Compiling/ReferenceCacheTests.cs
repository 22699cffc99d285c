using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling;

/// <summary>Compile references shared across compiles, on real libraries built in a temp dir.</summary>
public sealed class ReferenceCacheTests
{
    [Test]
    public void Get_SameFileTwice_SameReferenceAndMetadata()
    {
        using var directory = new TempDirectory();
        var path = Path.Join(directory.Path, "Shared.dll");
        AssemblyBuilder.Build(path, "Shared", "public static class Shared { }");

        var first = ReferenceCache.Get(path);
        var second = ReferenceCache.Get(path);

        Assert.That(second, Is.SameAs(first));
        Assert.That(second.GetMetadataId(), Is.EqualTo(first.GetMetadataId()));
    }

    [Test]
    public void Get_FileRebuilt_NewReferenceWithTheNewMetadata()
    {
        using var directory = new TempDirectory();
        var path = Path.Join(directory.Path, "Rebuilt.dll");
        AssemblyBuilder.Build(path, "Rebuilt", "public static class One { }");
        var before = ReferenceCache.Get(path);

        AssemblyBuilder.Build(path, "Rebuilt", "public static class One { } public static class Two { }");
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));
        var after = ReferenceCache.Get(path);

        Assert.That(after, Is.Not.SameAs(before));
        var metadata = (AssemblyMetadata)after.GetMetadata();
        Assert.That(metadata.GetModules()[0].GetMetadataReader().TypeDefinitions.Count, Is.EqualTo(3), "<Module>, One and Two");
    }

    [Test]
    public void Get_Missing_FileNotFound()
    {
        using var directory = new TempDirectory();

        Assert.Throws<FileNotFoundException>(() => ReferenceCache.Get(Path.Join(directory.Path, "None.dll")));
    }

    [Test]
    public void ResolveMissingAssembly_TwoCompiles_ShareTheDependencysMetadata()
    {
        // A globals type's assembly pulls in its own dependencies: two compiles must not read them twice.
        using var directory = new TempDirectory();
        var dependency = Path.Join(directory.Path, "Dependency.dll");
        var globals = Path.Join(directory.Path, "Globals.dll");
        AssemblyBuilder.Build(dependency, "Dependency", "public class Base { }");
        AssemblyBuilder.Build(globals, "Globals", "public class Globals : Base { }", dependency);
        var definition = MetadataReference.CreateFromFile(globals);
        var identity = new AssemblyIdentity("Dependency");

        var first = new KernelPathReferenceResolver(ScriptMetadataResolver.Default, directory.Path).ResolveMissingAssembly(definition, identity);
        var second = new KernelPathReferenceResolver(ScriptMetadataResolver.Default, directory.Path).ResolveMissingAssembly(definition, identity);

        Assert.That(first, Is.Not.Null);
        Assert.That(second!.GetMetadataId(), Is.EqualTo(first!.GetMetadataId()));
    }
}
