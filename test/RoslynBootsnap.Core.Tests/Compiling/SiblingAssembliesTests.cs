using RoslynBootsnap.Compiling;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling;

public sealed class SiblingAssembliesTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Find_ChainOfSiblings_EveryOneTransitively()
    {
        var c = _temp.Combine("lib", "C.dll");
        var b = _temp.Combine("lib", "B.dll");
        var a = _temp.Combine("lib", "A.dll");
        AssemblyBuilder.Build(c, "C", "public static class C { public static int N() => 1; }");
        AssemblyBuilder.Build(b, "B", "public static class B { public static int N() => C.N(); }", c);
        AssemblyBuilder.Build(a, "A", "public static class A { public static int N() => B.N(); }", b);

        Assert.That(SiblingAssemblies.Find([a]), Is.EqualTo(new[] { b, c }));
    }

    [Test]
    public void Find_SiblingNamedLikeAHostDependency_TheScriptsOwn()
    {
        // The test process carries nunit.framework, as a tool carries Newtonsoft.Json: not the framework's.
        var host = _temp.Combine("lib", "nunit.framework.dll");
        var a = _temp.Combine("lib", "A.dll");
        AssemblyBuilder.Build(host, "nunit.framework", "public static class Own { public static int N() => 1; }");
        AssemblyBuilder.Build(a, "A", "public static class A { public static int N() => Own.N(); }", host);

        Assert.That(SiblingAssemblies.Find([a]), Is.EqualTo(new[] { host }));
    }

    [Test]
    public void Find_ReferencedAssemblyNotBeside_Nothing()
    {
        var b = _temp.Combine("elsewhere", "B.dll");
        var a = _temp.Combine("lib", "A.dll");
        AssemblyBuilder.Build(b, "B", "public static class B { public static int N() => 1; }");
        AssemblyBuilder.Build(a, "A", "public static class A { public static int N() => B.N(); }", b);

        Assert.That(SiblingAssemblies.Find([a]), Is.Empty);
    }

    [Test]
    public void Find_NonAssemblyOfTheReferencedName_Skipped()
    {
        var b = _temp.Combine("build", "B.dll");
        var a = _temp.Combine("lib", "A.dll");
        AssemblyBuilder.Build(b, "B", "public static class B { public static int N() => 1; }");
        AssemblyBuilder.Build(a, "A", "public static class A { public static int N() => B.N(); }", b);
        _temp.Write("lib/B.dll", "not an assembly");

        Assert.That(SiblingAssemblies.Find([a]), Is.Empty);
    }

    [Test]
    public void Find_SiblingThatIsAlsoARoot_NotRepeated()
    {
        var b = _temp.Combine("lib", "B.dll");
        var a = _temp.Combine("lib", "A.dll");
        AssemblyBuilder.Build(b, "B", "public static class B { public static int N() => 1; }");
        AssemblyBuilder.Build(a, "A", "public static class A { public static int N() => B.N(); }", b);

        Assert.That(SiblingAssemblies.Find([a, b]), Is.Empty);
    }

    [Test]
    public void Find_FrameworkAssemblyCopiedBeside_Skipped()
    {
        // The load context resolves framework names to the host's copy, so a copy beside a reference never loads.
        var a = _temp.Combine("lib", "A.dll");
        AssemblyBuilder.Build(a, "A", "public static class A { public static object N() => new object(); }");
        File.Copy(Path.Join(Path.GetDirectoryName(typeof(object).Assembly.Location), "System.Runtime.dll"), _temp.Combine("lib", "System.Runtime.dll"));

        Assert.That(SiblingAssemblies.Find([a]), Is.Empty);
    }
}
