namespace RoslynBootsnap.Tests;

public sealed class ScriptCacheOptionsTests
{
    [Test]
    public void Init_ListsChangedAfterwards_OptionsKeepWhatTheyWereGiven()
    {
        var references = new List<string> { "/lib/a.dll" };
        var imports = new List<string> { "System.Xml" };
        var symbols = new List<string> { "DEBUG" };
        var options = new ScriptCacheOptions { References = references, Imports = imports, PreprocessorSymbols = symbols };

        references.Add("/lib/b.dll");
        imports[0] = "System.Net";
        symbols.Clear();

        Assert.That(options.References, Is.EqualTo(new[] { "/lib/a.dll" }));
        Assert.That(options.Imports, Is.EqualTo(new[] { "System.Xml" }));
        Assert.That(options.PreprocessorSymbols, Is.EqualTo(new[] { "DEBUG" }));
    }

    [Test]
    public void With_ListNotSet_SharesTheCopy()
    {
        var options = new ScriptCacheOptions { Imports = ["System.Xml"] };

        var variant = options with { Optimize = true };

        Assert.That(variant.Imports, Is.SameAs(options.Imports));
        Assert.That(variant.Optimize, Is.True);
    }

    [Test]
    public void Init_NullList_Throws() =>
        Assert.Throws<ArgumentNullException>(() => _ = new ScriptCacheOptions { Imports = null! });

    [Test]
    public void Default_ListsEmpty()
    {
        Assert.That(ScriptCacheOptions.Default.References, Is.Empty);
        Assert.That(ScriptCacheOptions.Default.Imports, Is.Empty);
        Assert.That(ScriptCacheOptions.Default.PreprocessorSymbols, Is.Empty);
    }
}
