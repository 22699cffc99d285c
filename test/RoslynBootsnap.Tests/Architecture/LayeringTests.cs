using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>
/// Each external dependency lives in exactly one part, and the project references enforce it: a part that does not
/// reference a family cannot compile against it. These tests read what each part's project references and what its
/// restore resolved (its own packages and everything they bring), so that a reference added to the wrong part, or a
/// package that drags another family in, fails here.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Roslyn = ["Microsoft.CodeAnalysis"];
    private static readonly string[] NuGet = ["NuGet."];
    private static readonly string[] Redis = ["StackExchange.Redis"];
    private static readonly string[] Json = ["Newtonsoft.Json"];

    private static string RepositoryRoot => typeof(LayeringTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static IEnumerable<TestCaseData> Parts()
    {
        yield return new TestCaseData("RoslynBootsnap.Core", Array.Empty<string>(), Array.Empty<string>(), Roslyn.Concat(NuGet).Concat(Redis).Concat(Json).ToArray())
            .SetName("Part_Core_ReferencesNoExternalFamily");
        yield return new TestCaseData("RoslynBootsnap.Compiler", new[] { "RoslynBootsnap.Core" }, Roslyn, NuGet.Concat(Redis).ToArray())
            .SetName("Part_Compiler_ReferencesRoslynOnly");
        yield return new TestCaseData("RoslynBootsnap.Packages", new[] { "RoslynBootsnap.Core", "RoslynBootsnap.Compiler" }, NuGet, Redis)
            .SetName("Part_Packages_ReferencesNuGetOnly");
        yield return new TestCaseData("RoslynBootsnap.Redis", new[] { "RoslynBootsnap.Core" }, Redis, Roslyn.Concat(NuGet).ToArray())
            .SetName("Part_Redis_ReferencesRedisOnly");
    }

    [TestCaseSource(nameof(Parts))]
    public void Part_ReferencesOnlyItsOwnFamily(string part, string[] mayReferenceProjects, string[] owns, string[] never)
    {
        var projects = ProjectReferences(part);
        var packages = ResolvedPackages(part);

        Assert.That(projects, Is.SubsetOf(mayReferenceProjects), $"{part}'s project references");
        foreach (var family in owns)
        {
            Assert.That(packages, Has.Some.StartsWith(family), $"{part} holds {family}");
        }

        foreach (var family in never)
        {
            Assert.That(packages, Has.None.StartsWith(family), $"{part} must not bring in {family}");
        }
    }

    [Test]
    public void ComposingPackage_ReferencesEveryPart() =>
        Assert.That(
            ProjectReferences("RoslynBootsnap"),
            Is.EquivalentTo(new[] { "RoslynBootsnap.Core", "RoslynBootsnap.Compiler", "RoslynBootsnap.Packages", "RoslynBootsnap.Redis" }));

    [Test]
    public void ResolvedPackages_OfTheCompiler_NameRoslynAndItsDependencies() =>
        Assert.That(ResolvedPackages("RoslynBootsnap.Compiler"), Has.Member("Microsoft.CodeAnalysis.Common").And.Member("Microsoft.CodeAnalysis.CSharp"));

    /// <summary>The names of the projects a part's csproj references.</summary>
    private static List<string> ProjectReferences(string part) =>
        [.. XDocument.Load(Path.Combine(RepositoryRoot, "src", part, part + ".csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))];

    /// <summary>
    /// Every package the part's restore resolved that the part compiles against or ships: the ones it references
    /// and all they bring in. Build-only packages (the API analyzer every part uses) add no code, so they do not count.
    /// </summary>
    private static List<string> ResolvedPackages(string part)
    {
        var assets = Path.Combine(RepositoryRoot, "src", part, "obj", "project.assets.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(assets));
        return [.. document.RootElement.GetProperty("targets").EnumerateObject()
            .SelectMany(t => t.Value.EnumerateObject())
            .Where(l => l.Value.GetProperty("type").GetString() == "package"
                && (l.Value.TryGetProperty("compile", out _) || l.Value.TryGetProperty("runtime", out _)))
            .Select(l => l.Name.Split('/')[0])
            .Distinct(StringComparer.Ordinal)];
    }
}
