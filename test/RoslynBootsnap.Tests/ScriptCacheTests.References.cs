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
}
