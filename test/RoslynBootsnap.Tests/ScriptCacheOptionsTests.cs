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

    [Test]
    public void TrustedOwners_Default_NullSoTheEnvironmentDecides() =>
        Assert.That(ScriptCacheOptions.Default.TrustedOwners, Is.Null);

    [Test]
    public void TrustedOwners_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ScriptCacheOptions { TrustedOwners = [1001, -1] });

    [Test]
    public void TrustedOwners_ChangedAfterwards_OptionsKeepWhatTheyWereGiven()
    {
        var owners = new List<int> { 1001 };
        var options = new ScriptCacheOptions { TrustedOwners = owners };

        owners.Add(1002);

        Assert.That(options.TrustedOwners, Is.EqualTo(new[] { 1001 }));
    }
}
