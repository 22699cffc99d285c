using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>
/// The cache engine, its platform layer and the loader, which make up the hit path, name no Roslyn type anywhere in their IL:
/// only the compile path may load the compiler.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] HitPath = ["RoslynBootsnap.Caching", "RoslynBootsnap.Platform", "RoslynBootsnap.Loading"];

    [Test]
    public void HitPathNamespaces_InTheBuiltLibrary_ReferenceNoRoslynType() =>
        Assert.That(RoslynReferenceFinder.Find(typeof(ScriptCache).Assembly.Location, HitPath), Is.Empty);

    [Test]
    public void Find_AssemblyUsingRoslynInEachWay_NamesEveryUseInTheNamespaces()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("Layered.dll");
        TestAssembly.Build(path, """
            namespace RoslynBootsnap.Caching
            {
                public static class Body { public static object Get() => Microsoft.CodeAnalysis.Location.None; }
                public static class Parameter { public static void Take(Microsoft.CodeAnalysis.SyntaxTree tree) { } }
                public class Field { public System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> Held; }
                public static class Local { public static int Start() { Microsoft.CodeAnalysis.Text.TextSpan span = default; return span.Start; } }
                public static class Lambda { public static System.Func<object> Make() => () => Microsoft.CodeAnalysis.Location.None; }
                public static class Catch
                {
                    public static void Run(System.Action a)
                    {
                        try { a(); } catch (Microsoft.CodeAnalysis.Scripting.CompilationErrorException) { }
                    }
                }
                public static class Clean { public static int Answer() => 42; }
            }

            namespace RoslynBootsnap.Compiling
            {
                public static class Allowed { public static object Get() => Microsoft.CodeAnalysis.Location.None; }
            }
            """);

        var found = RoslynReferenceFinder.Find(path, HitPath);

        Assert.That(found, Has.Some.StartWith("RoslynBootsnap.Caching.Body.Get: Microsoft.CodeAnalysis.Location"));
        Assert.That(found, Has.Some.StartWith("RoslynBootsnap.Caching.Parameter.Take: Microsoft.CodeAnalysis.SyntaxTree"));
        Assert.That(found, Has.Some.StartWith("RoslynBootsnap.Caching.Field.Held: Microsoft.CodeAnalysis.Diagnostic"));
        Assert.That(found, Has.Some.StartWith("RoslynBootsnap.Caching.Local.Start: Microsoft.CodeAnalysis.Text.TextSpan"));
        Assert.That(found, Has.Some.StartWith("RoslynBootsnap.Caching.Lambda+"));
        Assert.That(found, Has.Some.StartWith("RoslynBootsnap.Caching.Catch.Run: Microsoft.CodeAnalysis.Scripting.CompilationErrorException"));
        Assert.That(found, Has.None.Contain("Clean"));
        Assert.That(found, Has.None.Contain("Allowed"));
    }
}
