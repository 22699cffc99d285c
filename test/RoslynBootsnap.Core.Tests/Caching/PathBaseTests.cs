using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Tests.Caching;

public sealed class PathBaseTests
{
    [Test]
    public void Key_UnderBase_RelativeElsewhereAbsolute()
    {
        var pathBase = PathBase.For("/srv/app/");

        Assert.That(pathBase.Key("/srv/app/lib/a.csx"), Is.EqualTo("lib/a.csx"));
        Assert.That(pathBase.Key("/srv/app2/a.csx"), Is.EqualTo("/srv/app2/a.csx"), "a sibling sharing the prefix is not under the base");
        Assert.That(pathBase.Key("/usr/share/dotnet/x.dll"), Is.EqualTo("/usr/share/dotnet/x.dll"));
        Assert.That(pathBase.Key("/srv/app"), Is.EqualTo("/srv/app"));
    }

    [Test]
    public void Resolve_RelativeAgainstBase_AbsoluteAsItIs()
    {
        var pathBase = PathBase.For("/srv/app");

        Assert.That(pathBase.Resolve("lib/a.csx"), Is.EqualTo("/srv/app/lib/a.csx"));
        Assert.That(pathBase.Resolve("/opt/x.dll"), Is.EqualTo("/opt/x.dll"));
    }

    [Test]
    public void For_Blank_None()
    {
        Assert.That(PathBase.For(" "), Is.SameAs(PathBase.None));
        Assert.That(PathBase.None.Key("/a/b.csx"), Is.EqualTo("/a/b.csx"));
    }

    [Test]
    public void KeyAll_DependenciesUnderBase_RecordedRelatively()
    {
        var pathBase = PathBase.For("/srv/app");
        Dependency[] dependencies =
        [
            new(DependencyKind.Source, "/srv/app/lib/a.csx", 1, 2, 3),
            new(DependencyKind.Assembly, "/opt/x.dll", 4, 5, 6),
        ];

        var keyed = pathBase.KeyAll(dependencies);

        Assert.That(keyed.Select(d => d.Path), Is.EqualTo(new[] { "lib/a.csx", "/opt/x.dll" }));
        Assert.That(keyed[0] with { Path = "/srv/app/lib/a.csx" }, Is.EqualTo(dependencies[0]));
    }

    [Test]
    public void BindingFor_RelativeNameOutsideBase_BindsToTheBase()
    {
        var pathBase = PathBase.For("/srv/app");

        Assert.That(pathBase.BindingFor(["/srv/app/lib/a.csx", "/srv/shared.csx"]), Is.EqualTo("/srv/app"));
        Assert.That(pathBase.Admits("/srv/app"), Is.True);
        Assert.That(PathBase.For("/build/app").Admits("/srv/app"), Is.False);
    }

    [Test]
    public void BindingFor_RelativeNamesUnderBaseOrNoBase_MovesWithTheTree()
    {
        Assert.That(PathBase.For("/srv/app").BindingFor(["/srv/app/lib/a.csx"]), Is.Empty);
        Assert.That(PathBase.None.BindingFor(["/srv/shared.csx"]), Is.Empty);
        Assert.That(PathBase.For("/build/app").Admits(string.Empty), Is.True);
    }
}
