using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling;

/// <summary>Missing assemblies found once per process, on real libraries built in a temp dir and the real scripting resolver.</summary>
public sealed class MissingAssemblyResolutionsTests
{
    [Test]
    public void ResolveMissingAssembly_TwoCompiles_ScriptingResolverReadsTheDependencyOnce()
    {
        // The scripting resolver reads the whole file for every answer: a second compile must not ask it again.
        using var directory = new TempDirectory();
        var (definition, identity) = GlobalsWithDependency(directory.Path);
        var scripting = new AskedResolver();

        var first = new KernelPathReferenceResolver(scripting, directory.Path).ResolveMissingAssembly(definition, identity);
        var second = new KernelPathReferenceResolver(scripting, directory.Path).ResolveMissingAssembly(definition, identity);

        Assert.That(scripting.MissingAssemblyQuestions, Is.EqualTo(1));
        Assert.That(second!.GetMetadataId(), Is.EqualTo(first!.GetMetadataId()));
        Assert.That(second.Properties, Is.EqualTo(first.Properties), "the scripting resolver's own properties, aliases and all");
    }

    [Test]
    public void ResolveMissingAssembly_DependencyDeleted_AsksTheResolverAgain()
    {
        using var directory = new TempDirectory();
        var (definition, identity) = GlobalsWithDependency(directory.Path);
        var scripting = new AskedResolver();
        Assert.That(new KernelPathReferenceResolver(scripting, directory.Path).ResolveMissingAssembly(definition, identity), Is.Not.Null);

        File.Delete(Path.Join(directory.Path, "Dependency.dll"));
        var after = new KernelPathReferenceResolver(scripting, directory.Path).ResolveMissingAssembly(definition, identity);

        Assert.That(after, Is.Null);
        Assert.That(scripting.MissingAssemblyQuestions, Is.EqualTo(2));
    }

    private static (PortableExecutableReference Definition, AssemblyIdentity Identity) GlobalsWithDependency(string directory)
    {
        var dependency = Path.Join(directory, "Dependency.dll");
        var globals = Path.Join(directory, "Globals.dll");
        AssemblyBuilder.Build(dependency, "Dependency", "public class Base { }");
        AssemblyBuilder.Build(globals, "Globals", "public class Globals : Base { }", dependency);
        return (MetadataReference.CreateFromFile(globals), new AssemblyIdentity("Dependency"));
    }

    /// <summary>The scripting resolver, counting how often it is asked for a missing assembly.</summary>
    private sealed class AskedResolver : MetadataReferenceResolver
    {
        private readonly ScriptMetadataResolver _scripting = ScriptMetadataResolver.Default;

        public int MissingAssemblyQuestions { get; private set; }

        public override bool ResolveMissingAssemblies => _scripting.ResolveMissingAssemblies;

        public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity)
        {
            MissingAssemblyQuestions++;
            return _scripting.ResolveMissingAssembly(definition, referenceIdentity);
        }

        public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
            _scripting.ResolveReference(reference, baseFilePath, properties);

        public override bool Equals(object? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => 0;
    }
}
