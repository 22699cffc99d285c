using RoslynBootsnap.Caching;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Tests.Server;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling;

public sealed class CompileFingerprintTests
{
    /// <summary>FNV-1a 64 of <c>langversion=default\n</c>, its upper half: the fold every key field uses.</summary>
    private const uint PinnedHash = 0x8dcde50bu;

    private static uint Fingerprint(ScriptCacheOptions options) => CompileFingerprint.Compute(new CompileSettings(options));

    [Test]
    public void Compute_EqualButSeparateOptions_SameValue()
    {
        var first = Fingerprint(new ScriptCacheOptions { Imports = ["System.Xml"] });
        var second = Fingerprint(new ScriptCacheOptions { Imports = ["System.Xml"] });

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Compute_CacheDirAndCallback_NotPartOfKey() =>
        Assert.That(
            Fingerprint(new ScriptCacheOptions { CacheDirectory = "/elsewhere", OnEvent = _ => { } }),
            Is.EqualTo(Fingerprint(new ScriptCacheOptions())));

    [Test]
    public void CanonicalForm_EveryInputSet_TextUnchanged()
    {
        // The text is the key's: a change of it moves every entry to another namespace, so it changes only on purpose.
        var options = new ScriptCacheOptions
        {
            LanguageVersion = "12",
            Optimize = true,
            AllowUnsafe = false,
            Packages = { Enabled = false },
            Imports = ["System.Xml"],
            PreprocessorSymbols = ["A", "B"],
            ReturnType = typeof(int),
            References = ["/lib/a.dll", "/lib/b.dll"],
        };
        var expected =
            "emit=pe;pdb=embedded;source=embedded;deterministic;class=Submission#0;factory=<Factory>\n" +
            "langversion=12\n" +
            "optimize=1\n" +
            "unsafe=0\n" +
            "packages=0\n" +
            "imports=System;System.Collections.Generic;System.Diagnostics;System.Dynamic;System.IO;System.Linq;System.Linq.Expressions;System.Net.Http;System.Text;System.Threading;System.Threading.Tasks;System.Console;System.Xml\n" +
            "defines=A;B\n" +
            "globals=none\n" +
            "return=System.Int32|" + CacheEnvironment.ModuleVersionText(typeof(int).Module.ModuleVersionId) + "\n" +
            "reference=/lib/a.dll\n" +
            "reference=/lib/b.dll\n";

        Assert.That(CompileFingerprint.CanonicalForm(new CompileSettings(options)), Is.EqualTo(expected));
    }

    [Test]
    public void CanonicalForm_Defaults_TextUnchanged()
    {
        var expected =
            "emit=pe;pdb=embedded;source=embedded;deterministic;class=Submission#0;factory=<Factory>\n" +
            "langversion=default\n" +
            "optimize=0\n" +
            "unsafe=1\n" +
            "packages=1\n" +
            "imports=System;System.Collections.Generic;System.Diagnostics;System.Dynamic;System.IO;System.Linq;System.Linq.Expressions;System.Net.Http;System.Text;System.Threading;System.Threading.Tasks;System.Console\n" +
            "defines=\n" +
            "globals=none\n" +
            "return=System.Object|" + CacheEnvironment.ModuleVersionText(typeof(object).Module.ModuleVersionId) + "\n";

        Assert.That(CompileFingerprint.CanonicalForm(new CompileSettings(ScriptCacheOptions.Default)), Is.EqualTo(expected));
    }

    [Test]
    public void Compute_FixedText_HashUnchanged() =>
        Assert.That(CacheEnvironment.Hash32("langversion=default\n"), Is.EqualTo(PinnedHash));

    [Test]
    public void Compute_EachOption_ChangesTheKeyExactlyWhenDeclaredKey()
    {
        var sample = CompileRequestTests.EveryOptionSet();
        var defaults = Fingerprint(new ScriptCacheOptions());

        Assert.Multiple(() =>
        {
            foreach (var option in OptionDeclarations.All())
            {
                var options = new ScriptCacheOptions();
                option.Set(options, option.Get(sample));
                var changed = Fingerprint(options) != defaults;
                Assert.That(changed, Is.EqualTo(option.Is(OptionUse.Key)), $"{option} is declared {(option.Is(OptionUse.Key) ? "a key input, so it changes" : "no key input, so it leaves")} the key");
            }
        });
    }

    private static IEnumerable<TestCaseData> Variants()
    {
        yield return new TestCaseData(new ScriptCacheOptions { LanguageVersion = "12" }).SetName("Compute_LanguageVersion_Changes");
        yield return new TestCaseData(new ScriptCacheOptions { Optimize = true }).SetName("Compute_Optimize_Changes");
        yield return new TestCaseData(new ScriptCacheOptions { AllowUnsafe = false }).SetName("Compute_AllowUnsafe_Changes");
        yield return new TestCaseData(new ScriptCacheOptions { Imports = ["System.Xml"] }).SetName("Compute_Imports_Changes");
        yield return new TestCaseData(new ScriptCacheOptions { PreprocessorSymbols = ["X"] }).SetName("Compute_PreprocessorSymbols_Changes");
        yield return new TestCaseData(new ScriptCacheOptions { GlobalsType = typeof(TestGlobals) }).SetName("Compute_GlobalsType_Changes");
        yield return new TestCaseData(new ScriptCacheOptions { ReturnType = typeof(int) }).SetName("Compute_ReturnType_Changes");
        yield return new TestCaseData(new ScriptCacheOptions { References = [typeof(CompileFingerprintTests).Assembly.Location] }).SetName("Compute_References_Changes");
    }

    [TestCaseSource(nameof(Variants))]
    public void Compute_OneInputDiffers_DifferentValue(ScriptCacheOptions options) =>
        Assert.That(Fingerprint(options), Is.Not.EqualTo(Fingerprint(new ScriptCacheOptions())));

    [Test]
    public void Compute_ReferenceFileRewritten_SameKeyForTheManifestToJudge()
    {
        // A reference is keyed by its path here and by its identity in each entry's manifest, as #r is: a touch
        // then revalidates instead of moving every script to another namespace.
        using var temp = new TempDirectory();
        var reference = temp.Write("lib.dll", "one");
        var options = new ScriptCacheOptions { References = [reference] };
        var before = Fingerprint(options);

        File.WriteAllText(reference, "two, longer");

        Assert.That(Fingerprint(options), Is.EqualTo(before));
        Assert.That(Fingerprint(options with { References = [temp.Combine("other.dll")] }), Is.Not.EqualTo(before));
    }
}
