using System.Reflection;
using RoslynBootsnap.Caching.Remote;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Composition;

namespace RoslynBootsnap.Tests.Composition;

/// <summary>
/// The parts are found by name, so a rename would silently leave every host without a compiler or a remote tier:
/// each name the core looks up must name a type that implements its seam. And each external dependency lives in
/// exactly one part, which the assemblies' references show.
/// </summary>
public sealed class ScriptPartsTests
{
    [TestCase(ScriptParts.CompilerType, typeof(IScriptCompiler))]
    [TestCase(ScriptParts.RemoteStoreType, typeof(IRemoteStoreProvider))]
    public void TypeName_NamesATypeImplementingItsSeam(string typeName, Type seam)
    {
        var type = Type.GetType(typeName, throwOnError: false);

        Assert.That(type, Is.Not.Null, typeName);
        Assert.That(type!.IsAssignableTo(seam), Is.True);
    }

    [Test]
    public void CompilerFor_ThisHost_FindsTheRoslynCompiler() =>
        Assert.That(ScriptParts.CompilerFor("/x.csx").GetType().Name, Is.EqualTo("RoslynScriptCompiler"));

    [TestCase("RoslynBootsnap.Core", new string[0], new[] { "Microsoft.CodeAnalysis", "NuGet.", "StackExchange.Redis", "Newtonsoft.Json", "RoslynBootsnap" })]
    [TestCase("RoslynBootsnap.Redis", new[] { "StackExchange.Redis" }, new[] { "Microsoft.CodeAnalysis", "NuGet." })]
    [TestCase("RoslynBootsnap", new[] { "Microsoft.CodeAnalysis", "NuGet." }, new[] { "StackExchange.Redis" })]
    public void References_OfEachPart_NameOnlyItsOwnDependencies(string part, string[] owns, string[] never)
    {
        var references = Assembly.Load(part).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        foreach (var family in owns)
        {
            Assert.That(references, Has.Some.StartsWith(family), $"{part} holds {family}");
        }

        foreach (var family in never)
        {
            Assert.That(references, Has.None.StartsWith(family).Or.EqualTo(family), $"{part} must not reference {family}");
        }
    }
}
