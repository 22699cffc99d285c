using RoslynBootsnap.Compiling;

namespace RoslynBootsnap.Tests.Compiling;

/// <summary>A host with a compiler but no package part meets a typed error for a package, not a crash or a path lookup.</summary>
public sealed class MissingPackageSchemeTests
{
    [Test]
    public void ResolveReference_PackageWithoutThePart_ThrowsPackagesUnavailable()
    {
        var resolver = new SchemeResolver([new MissingPackageScheme()], "/scripts/a.csx", new CompileSettings(new ScriptCacheOptions()), CancellationToken.None);

        var e = Assert.Throws<ScriptPackageException>(() => resolver.ResolveReference("nuget: Newtonsoft.Json, 13.0.3"));

        Assert.That(e!.Failure, Is.EqualTo(ScriptPackageFailure.PackagesUnavailable));
        Assert.That(e.PackageId, Is.EqualTo("Newtonsoft.Json"));
        Assert.That(e.Version, Is.EqualTo("13.0.3"));
        Assert.That(e.Path, Is.EqualTo("/scripts/a.csx"));
    }

    [Test]
    public void ResolveScript_PackageWithoutThePart_ThrowsPackagesUnavailable()
    {
        var resolver = new SchemeResolver([new MissingPackageScheme()], "/scripts/a.csx", new CompileSettings(new ScriptCacheOptions()), CancellationToken.None);

        var e = Assert.Throws<ScriptPackageException>(() => resolver.ResolveScript("nuget: simple-targets-csx"));

        Assert.That(e!.Failure, Is.EqualTo(ScriptPackageFailure.PackagesUnavailable));
        Assert.That(e.Version, Is.Null);
    }

    [Test]
    public void ResolveReference_PackagesTurnedOff_RefusesAsThePartWould()
    {
        var settings = new CompileSettings(new ScriptCacheOptions { Packages = { Enabled = false } });
        var resolver = new SchemeResolver([new MissingPackageScheme()], "/scripts/a.csx", settings, CancellationToken.None);

        Assert.That(resolver.ResolveReference("nuget: Humanizer"), Is.Empty);
        Assert.That(resolver.Refused, Is.EqualTo(new[] { "nuget: Humanizer" }));
    }

    [TestCase("System.Xml", false)]
    [TestCase("sdk:Microsoft.AspNetCore.App", false)]
    [TestCase("NuGet: X", true)]
    public void Claims_ReferenceOfEachForm_OnlyPackages(string reference, bool claimed) =>
        Assert.That(new MissingPackageScheme().Claims(reference), Is.EqualTo(claimed));
}
