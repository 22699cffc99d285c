using RoslynBootsnap.Compiling.Packages;

namespace RoslynBootsnap.Tests.Compiling.Packages;

public sealed class PackageReferenceTests
{
    [TestCase("nuget: Lib.A, 1.0.0", "Lib.A", "1.0.0")]
    [TestCase("nuget:Lib.A,1.0.0", "Lib.A", "1.0.0")]
    [TestCase("nuget:Lib.A/1.0.0", "Lib.A", "1.0.0")]
    [TestCase("nuget: Lib.A / 1.0.0 ", "Lib.A", "1.0.0")]
    [TestCase("NuGet: Lib.A, 1.*", "Lib.A", "1.*")]
    [TestCase("nuget: Lib.A, [1.0,2.0)", "Lib.A", "[1.0,2.0)")]
    [TestCase("nuget: Lib.A, 2.0.0-beta.1", "Lib.A", "2.0.0-beta.1")]
    [TestCase("nuget: Lib.A", "Lib.A", null)]
    public void TryParse_DotnetScriptForms_IdAndVersion(string directive, string id, string? version)
    {
        Assert.That(PackageReference.TryParse(directive, out var package), Is.True);
        Assert.That(package, Is.EqualTo(new PackageReference(id, version)));
    }

    [TestCase("nuget:")]
    [TestCase("nuget: , 1.0")]
    [TestCase("nuget: Lib A, 1.0")]
    [TestCase("Lib.A.dll")]
    public void TryParse_NotAPackage_False(string directive) =>
        Assert.That(PackageReference.TryParse(directive, out _), Is.False);

    [TestCase("1.0.0", false)]
    [TestCase("2.0.0-beta.1", false)]
    [TestCase("1.*", true)]
    [TestCase("[1.0,2.0)", true)]
    [TestCase(null, true)]
    public void IsFloating_OnlyPlainVersionsArePinned(string? version, bool floating) =>
        Assert.That(new PackageReference("Lib.A", version).IsFloating, Is.EqualTo(floating));
}
