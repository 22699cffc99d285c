using RoslynBootsnap.Compiling;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling;

public sealed class CompileFingerprintTests
{
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
