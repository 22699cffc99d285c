using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

public sealed class ScriptCacheOptionsTests
{
    [Test]
    public void Set_AfterACacheWasGivenThem_InvalidOperationException()
    {
        using var temp = new TempDirectory();
        var options = new ScriptCacheOptions { CacheDirectory = temp.CacheDirectory };

        _ = new CompiledScriptCache(options);

        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidOperationException>(() => options.Optimize = true);
            Assert.Throws<InvalidOperationException>(() => options.Fleet.Remote = "redis://127.0.0.1:1");
            Assert.Throws<InvalidOperationException>(() => options.Packages.Enabled = false);
            Assert.Throws<InvalidOperationException>(() => options.Trust.Owners = [1001]);
            Assert.Throws<InvalidOperationException>(() => options.Fleet = new FleetOptions());
        });
    }

    [Test]
    public void Set_OnDefault_InvalidOperationException() =>
        Assert.Throws<InvalidOperationException>(() => ScriptCacheOptions.Default.Optimize = true);

    [Test]
    public void With_FrozenOptions_CopySettableGroupsIncludedOriginalUnchanged()
    {
        var copy = ScriptCacheOptions.Default with { Optimize = true };

        copy.Fleet.Remote = "redis://127.0.0.1:1";
        copy.Packages.Enabled = false;
        copy.Trust.Validation = ValidationMode.Fast;

        Assert.That(copy.Optimize, Is.True);
        Assert.That(ScriptCacheOptions.Default.Fleet.Remote, Is.Null);
        Assert.That(ScriptCacheOptions.Default.Packages.Enabled, Is.True);
        Assert.That(ScriptCacheOptions.Default.Trust.Validation, Is.EqualTo(ValidationMode.Full));
    }

    [Test]
    public void With_UnfrozenOptions_CopysGroupsAreItsOwn()
    {
        var original = new ScriptCacheOptions { Fleet = { BaseDirectory = "/build/app" } };

        var copy = original with { };
        copy.Fleet.BaseDirectory = "/srv/app";

        Assert.That(original.Fleet.BaseDirectory, Is.EqualTo("/build/app"));
        Assert.That(copy.Fleet.BaseDirectory, Is.EqualTo("/srv/app"));
    }

    [Test]
    public void Equals_SameSettingsOneFrozen_Equal()
    {
        var settings = new ScriptCacheOptions { Optimize = true, Fleet = { BaseDirectory = "/srv/app" } };

        var frozen = (settings with { }).Freeze();

        Assert.That(frozen, Is.EqualTo(settings));
    }

    [Test]
    public void ToString_RemoteKeyAndPassword_NeitherPrinted()
    {
        var options = new ScriptCacheOptions
        {
            CacheDirectory = "/var/cache/app",
            Fleet = { Remote = "redis://cache.internal:6379,password=hunter2-pass", RemoteKey = "the-signing-key-of-the-fleet" },
        };

        var text = options.ToString();

        Assert.That(text, Does.Not.Contain("hunter2-pass").And.Not.Contain("the-signing-key-of-the-fleet"));
        Assert.That(text, Does.Contain("redis://cache.internal:6379").And.Contain("/var/cache/app").And.Contain("RemoteKey = ***"));
    }

    [Test]
    public void Freeze_ServerWithoutProgram_InvalidOperationExceptionNamingIt()
    {
        var options = new ScriptCacheOptions { Server = new CompileServerOptions { FileName = null! } };

        Assert.That(() => options.Freeze(), Throws.InvalidOperationException.With.Message.Contains("FileName"));
    }

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
        Assert.That(ScriptCacheOptions.Default.Trust.Owners, Is.Null);

    [Test]
    public void TrustedOwners_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ScriptCacheOptions { Trust = { Owners = [1001, -1] } });

    [Test]
    public void TrustedOwners_ChangedAfterwards_OptionsKeepWhatTheyWereGiven()
    {
        var owners = new List<int> { 1001 };
        var options = new ScriptCacheOptions { Trust = { Owners = owners } };

        owners.Add(1002);

        Assert.That(options.Trust.Owners, Is.EqualTo(new[] { 1001 }));
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
