using RoslynBootsnap.Caching.Remote;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Composition;

namespace RoslynBootsnap.Tests.Composition;

/// <summary>
/// The parts are found by name, so a rename would silently leave every host without a compiler or a remote tier:
/// each name the core looks up must name a type that implements its seam.
/// </summary>
public sealed class ScriptPartsTests
{
    [TestCase(ScriptParts.CompilerType, typeof(IScriptCompiler))]
    [TestCase(ScriptParts.PackageSchemeType, typeof(IReferenceScheme))]
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

    [Test]
    public void ReferenceSchemes_ThisHost_ArePackageReferences() =>
        Assert.That(ScriptParts.ReferenceSchemes.Select(s => s.GetType().Name), Is.EqualTo(new[] { "PackageReferenceScheme" }));
}
