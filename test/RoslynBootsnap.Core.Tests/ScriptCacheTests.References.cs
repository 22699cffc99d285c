using System.Globalization;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

/// <summary>
/// A referenced file whose name is not its assembly's: the script's context finds a private reference by the
/// identity in its metadata, as the compiler did, not by the file's name.
/// </summary>
public sealed partial class ScriptCacheTests
{
    [TestCase(true, TestName = "Load_ReferenceDirectiveToDllNamedApartFromItsAssembly_RunsOnMissAndHit")]
    [TestCase(false, TestName = "Load_OptionsReferenceToDllNamedApartFromItsAssembly_RunsOnMissAndHit")]
    public async Task Load_DllNamedApartFromItsAssembly_RunsOnMissAndHit(bool directive)
    {
        var dll = _temp.Combine("lib", "bar.dll");
        AssemblyBuilder.Build(dll, "Foo", "public static class Foo { public static string Say() => \"foo\"; }");
        var path = _temp.Write("main.csx", directive ? "#r \"lib/bar.dll\"\nFoo.Say()" : "Foo.Say()");
        var options = directive ? Options : Options with { References = [dll] };

        Assert.That(await LoadAndRun(path, options), Is.EqualTo("foo"));
        Assert.That(await LoadAndRun(path, options), Is.EqualTo("foo"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    public async Task Load_DllNamedApartFromItsAssemblyWithSibling_LoadsBothOnMissAndHit()
    {
        var back = _temp.Combine("lib", "Back.dll");
        AssemblyBuilder.Build(back, "Back", "public static class Back { public static string Say() => \"back\"; }");
        AssemblyBuilder.Build(_temp.Combine("lib", "front-v2.dll"), "Front", "public static class Front { public static string Say() => \"front+\" + Back.Say(); }", back);
        var path = _temp.Write("main.csx", "#r \"lib/front-v2.dll\"\nFront.Say()");

        Assert.That(await LoadAndRun(path), Is.EqualTo("front+back"));
        Assert.That(await LoadAndRun(path), Is.EqualTo("front+back"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    public async Task Load_FileNamedAfterAnotherAssembly_EachAssemblyLoadsFromTheFileHoldingIt()
    {
        // Crossed names: a lookup by file name would hand the runtime the wrong assembly for each.
        AssemblyBuilder.Build(_temp.Combine("lib", "Two.dll"), "One", "public static class One { public static string Say() => \"one\"; }");
        AssemblyBuilder.Build(_temp.Combine("lib", "One.dll"), "Two", "public static class Two { public static string Say() => \"two\"; }");
        var path = _temp.Write("main.csx", "#r \"lib/Two.dll\"\n#r \"lib/One.dll\"\nOne.Say() + Two.Say()");

        Assert.That(await LoadAndRun(path), Is.EqualTo("onetwo"));
        Assert.That(await LoadAndRun(path), Is.EqualTo("onetwo"));
    }

    /// <summary>
    /// lib/User.dll, a type derived from Lib's, was built against Lib 1.0; the script references Lib 2.0 beside it.
    /// The compiler unifies the two, as the runtime does, without asking for a binding redirect (CS1701) where
    /// the script uses User, and User runs against 2.0.
    /// </summary>
    [Test]
    public async Task Load_ReferenceBuiltAgainstEarlierVersion_UnifiesWithoutBindingRedirectWarning()
    {
        const string Lib = "[assembly: System.Reflection.AssemblyVersion(\"{0}\")] public class Lib {{ public string Version() => \"{0}\"; }}";
        var earlier = _temp.Combine("v1", "Lib.dll");
        AssemblyBuilder.Build(earlier, "Lib", string.Format(CultureInfo.InvariantCulture, Lib, "1.0.0.0"), strongNamed: true);
        AssemblyBuilder.Build(_temp.Combine("lib", "Lib.dll"), "Lib", string.Format(CultureInfo.InvariantCulture, Lib, "2.0.0.0"), strongNamed: true);
        AssemblyBuilder.Build(_temp.Combine("lib", "User.dll"), "User", "public sealed class User : Lib { }", strongNamed: true, earlier);
        var path = _temp.Write("main.csx", "#r \"lib/Lib.dll\"\n#r \"lib/User.dll\"\nnew User().Version()");
        var warnings = new List<ScriptDiagnostic>();

        var result = await LoadAndRun(path, Options with { OnCompilerWarnings = warnings.AddRange });

        Assert.That(result, Is.EqualTo("2.0.0.0"));
        Assert.That(warnings, Is.Empty);
    }
}
