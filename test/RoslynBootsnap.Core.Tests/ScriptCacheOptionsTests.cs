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

    [TestCase("latest")]
    [TestCase("Preview")]
    [TestCase("12")]
    [TestCase("7.3")]
    [TestCase("iso-2")]
    public void LanguageVersion_CompilerSpelling_Accepted(string version) =>
        Assert.That(new ScriptCacheOptions { LanguageVersion = version }.LanguageVersion, Is.EqualTo(version));

    [TestCase("twelve")]
    [TestCase("12.")]
    [TestCase("")]
    [TestCase("C# 12")]
    public void LanguageVersion_NotAVersion_ArgumentExceptionNamingTheProperty(string version) =>
        Assert.That(
            () => new ScriptCacheOptions { LanguageVersion = version },
            Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo(nameof(ScriptCacheOptions.LanguageVersion)));

    [Test]
    public void Lists_NullOrBlankEntry_ArgumentExceptionNamingTheProperty()
    {
        Assert.That(() => new ScriptCacheOptions { References = [" "] }, Throws.ArgumentException.With.Property("ParamName").EqualTo("References"));
        Assert.That(() => new ScriptCacheOptions { Imports = [null!] }, Throws.ArgumentException.With.Property("ParamName").EqualTo("Imports"));
        Assert.That(() => new ScriptCacheOptions { PreprocessorSymbols = ["NOT A SYMBOL"] }, Throws.ArgumentException.With.Property("ParamName").EqualTo("PreprocessorSymbols"));
    }

    [Test]
    public void ReturnType_Null_ArgumentNullException() =>
        Assert.That(() => new ScriptCacheOptions { ReturnType = null! }, Throws.ArgumentNullException.With.Property("ParamName").EqualTo("ReturnType"));
}
