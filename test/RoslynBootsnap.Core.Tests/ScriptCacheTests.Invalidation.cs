using System.Security.Cryptography;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

/// <summary>
/// The edit matrix: each test runs a script, changes one thing, runs again, and fails if the old output is
/// ever produced.
/// </summary>
public sealed partial class ScriptCacheTests
{
    private async Task<object?> RunFresh(string path, ScriptCacheOptions? options = null, object? globals = null)
    {
        _events.Take();
        return await LoadAndRun(path, options, globals);
    }

    private static void RestoreMtime(string path, string contents)
    {
        var mtime = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, contents);
        File.SetLastWriteTimeUtc(path, mtime);
    }

    [Test]
    public async Task Load_SourceEditedSameSizeMtimeRestored_StaleAndNewResult()
    {
        var path = _temp.Write("edit.csx", "\"old\"");
        await LoadAndRun(path);
        RestoreMtime(path, "\"new\"");

        var result = await RunFresh(path);

        Assert.That(result, Is.EqualTo("new"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
    }

    [Test]
    public async Task Load_SourceTouchedOnly_RevalidatedThenHit()
    {
        var path = _temp.Write("touch.csx", "\"same\"");
        await LoadAndRun(path);
        FileTimes.Touch(path);

        var revalidated = await RunFresh(path);
        var hit = await LoadAndRun(path);

        Assert.That(revalidated, Is.EqualTo("same"));
        Assert.That(hit, Is.EqualTo("same"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Revalidated, CacheEventKind.Hit }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Load_LoadedFileTwoLevelsDeepEdited_StaleAndNewResult(bool restoreMtime)
    {
        var deep = _temp.Write("lib/inner/deep.csx", "static string Word() => \"old\";");
        _temp.Write("lib/middle.csx", "#load \"inner/deep.csx\"\nstatic string Say() => Word();");
        var path = _temp.Write("main.csx", "#load \"lib/middle.csx\"\nSay()");
        Assert.That(await LoadAndRun(path), Is.EqualTo("old"));

        if (restoreMtime)
        {
            RestoreMtime(deep, "static string Word() => \"new\";");
        }
        else
        {
            FileTimes.Rewrite(deep, "static string Word() => \"new\";");
        }

        var result = await RunFresh(path);

        Assert.That(result, Is.EqualTo("new"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
    }

    [Test]
    public async Task Load_LoadedFileTouched_RevalidatedThenHit()
    {
        var helper = _temp.Write("lib/helper.csx", "static int Five() => 5;");
        var path = _temp.Write("main.csx", "#load \"lib/helper.csx\"\nFive()");
        await LoadAndRun(path);
        FileTimes.Touch(helper);

        await RunFresh(path);
        await LoadAndRun(path);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Revalidated, CacheEventKind.Hit }));
    }

    [Test]
    public async Task Load_LoadLineAddedThenRemoved_StaleEachTime()
    {
        _temp.Write("extra.csx", "static string Extra() => \"extra\";");
        var path = _temp.Write("main.csx", "\"plain\"");
        Assert.That(await LoadAndRun(path), Is.EqualTo("plain"));

        FileTimes.Rewrite(path, "#load \"extra.csx\"\nExtra()");
        Assert.That(await RunFresh(path), Is.EqualTo("extra"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));

        FileTimes.Rewrite(path, "\"plain\"");
        Assert.That(await RunFresh(path), Is.EqualTo("plain"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
    }

    [TestCase(true, TestName = "Load_ReferencedDllRebuiltAtSamePath_StaleAndNewBehaviour")]
    [TestCase(false, TestName = "Load_OptionsReferenceRebuiltBetweenLoadsOfOneOptionsObject_StaleAndNewBehaviour")]
    public async Task Load_ReferenceRebuilt_StaleAndNewBehaviour(bool directive)
    {
        var dll = _temp.Combine("lib", "Greeter.dll");
        AssemblyBuilder.Build(dll, "Greeter", "public static class Greeter { public static string Hello() => \"v1\"; }");
        var path = _temp.Write("main.csx", directive ? "#r \"lib/Greeter.dll\"\nGreeter.Hello()" : "Greeter.Hello()");
        var options = directive ? Options : Options with { References = [dll] };
        Assert.That(await LoadAndRun(path, options), Is.EqualTo("v1"));
        Assert.That(await LoadAndRun(path, options), Is.EqualTo("v1"));

        var mtime = File.GetLastWriteTimeUtc(dll);
        AssemblyBuilder.Build(dll, "Greeter", "public static class Greeter { public static string Hello() => \"v2\"; }");
        File.SetLastWriteTimeUtc(dll, mtime.AddSeconds(1));

        var result = await RunFresh(path, options);

        Assert.That(result, Is.EqualTo("v2"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
    }

    /// <summary>
    /// Builds two versions of a library whose files have the same size: the constant the script compiles in and
    /// the method it calls at run time both say which version it is.
    /// </summary>
    private (string Dll, byte[] Second) SameSizeLibraryVersions()
    {
        const string Code = "public static class Lib { public const string Const = \"{0}\"; public static string Method() => \"{0}\"; }";
        var dll = _temp.Combine("lib", "Lib.dll");
        var second = _temp.Combine("build2", "Lib.dll");
        AssemblyBuilder.Build(second, "Lib", Code.Replace("{0}", "BBBB", StringComparison.Ordinal));
        AssemblyBuilder.Build(dll, "Lib", Code.Replace("{0}", "AAAA", StringComparison.Ordinal));
        Assert.That(new FileInfo(dll).Length, Is.EqualTo(new FileInfo(second).Length), "the two builds must be the same size");
        return (dll, File.ReadAllBytes(second));
    }

    /// <summary>Copies a build over the DLL in place and puts its size-and-time key back as it was.</summary>
    private static void SwapKeepingMtime(string dll, byte[] build)
    {
        var mtime = File.GetLastWriteTimeUtc(dll);
        File.WriteAllBytes(dll, build);
        File.SetLastWriteTimeUtc(dll, mtime);
    }

    [Test]
    [Category("Reliability")]
    public async Task Load_ReferencedDllSwappedSameSizeAndMtime_StaleUnderFullValidation()
    {
        var (dll, second) = SameSizeLibraryVersions();
        var path = _temp.Write("main.csx", "#r \"lib/Lib.dll\"\n$\"const={Lib.Const} method={Lib.Method()}\"");
        Assert.That(await LoadAndRun(path), Is.EqualTo("const=AAAA method=AAAA"));
        SwapKeepingMtime(dll, second);

        var result = await RunFresh(path);

        Assert.That(result, Is.EqualTo("const=BBBB method=BBBB"));
        Assert.That(_events.Events.Single().Kind, Is.EqualTo(CacheEventKind.Stale));
        Assert.That(_events.Events.Single().Step, Is.EqualTo("dependency"));
    }

    [Test]
    public async Task Load_OptionsReferenceSwappedSameSizeAndMtime_StaleUnderFullValidation()
    {
        var (dll, second) = SameSizeLibraryVersions();
        var path = _temp.Write("main.csx", "$\"const={Lib.Const} method={Lib.Method()}\"");
        var options = Options with { References = [dll] };
        Assert.That(await LoadAndRun(path, options), Is.EqualTo("const=AAAA method=AAAA"));
        SwapKeepingMtime(dll, second);

        var result = await RunFresh(path, options);

        Assert.That(result, Is.EqualTo("const=BBBB method=BBBB"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
    }

    [Test]
    public async Task Load_ReferencedDllSwappedSameSizeAndMtime_HitUnderFastAsDocumented()
    {
        // What Fast trades away, pinned so that the description of it in docs/hosts.md stays true.
        var (dll, second) = SameSizeLibraryVersions();
        var path = _temp.Write("main.csx", "#r \"lib/Lib.dll\"\n$\"const={Lib.Const} method={Lib.Method()}\"");
        var fast = Options with { Trust = new() { Validation = ValidationMode.Fast } };
        await LoadAndRun(path, fast);
        SwapKeepingMtime(dll, second);

        var result = await RunFresh(path, fast);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
        Assert.That(result, Is.EqualTo("const=AAAA method=BBBB"), "old compiled constants against the new assembly");
    }

    /// <summary>lib/Front.dll calls into lib/Back.dll, which sits beside it; the script references Front only.</summary>
    private string FrontWithSiblingBack(string backSays)
    {
        var back = _temp.Combine("lib", "Back.dll");
        AssemblyBuilder.Build(back, "Back", "public static class Back { public static string Say() => \"" + backSays + "\"; }");
        AssemblyBuilder.Build(_temp.Combine("lib", "Front.dll"), "Front", "public static class Front { public static string Say() => \"front+\" + Back.Say(); }", back);
        return back;
    }

    [Test]
    [Category("Reliability")]
    public async Task Load_ReferencedDllDependsOnSiblingDll_LoadsOnMissAndHit()
    {
        FrontWithSiblingBack("back");
        var path = _temp.Write("main.csx", "#r \"lib/Front.dll\"\nFront.Say()");

        Assert.That(await LoadAndRun(path), Is.EqualTo("front+back"));
        Assert.That(await LoadAndRun(path), Is.EqualTo("front+back"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    public async Task Load_SiblingDllRebuilt_StaleAndNewBehaviour()
    {
        var back = FrontWithSiblingBack("back");
        var path = _temp.Write("main.csx", "#r \"lib/Front.dll\"\nFront.Say()");
        await LoadAndRun(path);
        var mtime = File.GetLastWriteTimeUtc(back);
        AssemblyBuilder.Build(back, "Back", "public static class Back { public static string Say() => \"BACK\"; }");
        File.SetLastWriteTimeUtc(back, mtime.AddSeconds(1));

        var result = await RunFresh(path);

        Assert.That(result, Is.EqualTo("front+BACK"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }), "the sibling is in the entry's manifest");
    }

    [Test]
    public async Task Load_ReferencedDllTouchedOnly_Revalidated()
    {
        var dll = _temp.Combine("lib", "Greeter.dll");
        AssemblyBuilder.Build(dll, "Greeter", "public static class Greeter { public static string Hello() => \"v1\"; }");
        var path = _temp.Write("main.csx", "#r \"lib/Greeter.dll\"\nGreeter.Hello()");
        await LoadAndRun(path);
        FileTimes.Touch(dll);

        var result = await RunFresh(path);

        Assert.That(result, Is.EqualTo("v1"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Revalidated }));
    }

    [Test]
    public async Task Load_OptionsReferenceTouchedOnly_RevalidatedLikeReferenceDirective()
    {
        var dll = _temp.Combine("lib", "Greeter.dll");
        AssemblyBuilder.Build(dll, "Greeter", "public static class Greeter { public static string Hello() => \"v1\"; }");
        var path = _temp.Write("main.csx", "Greeter.Hello()");
        var options = Options with { References = [dll] };
        await LoadAndRun(path, options);
        FileTimes.Touch(dll);

        var result = await RunFresh(path, options);

        Assert.That(result, Is.EqualTo("v1"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Revalidated }));
    }

    [Test]
    [Category("Reliability")]
    public void Load_MissingReferenceDirective_CompileErrorWithFileAndLine()
    {
        var path = _temp.Write("main.csx", "\n#r \"lib/Nowhere.dll\"\n1");

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(path, Options));

        Assert.That(error!.Message, Does.StartWith($"{path}(2,1): error CS0006"));
        AssertCleanError(error, path, "an #r of a missing file");
    }

    [Test]
    [Category("Reliability")]
    public void Load_ReferenceToNonAssembly_CompileErrorWithFileAndLine()
    {
        _temp.Write("lib/text.dll", "this is not an assembly");
        var path = _temp.Write("main.csx", "#r \"lib/text.dll\"\n1");

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(path, Options));

        Assert.That(error!.Message, Does.StartWith($"{path}(1,1): error CS0009"));
        AssertCleanError(error, path, "an #r of a non-assembly");
    }

    private static IEnumerable<TestCaseData> OptionChanges()
    {
        yield return new TestCaseData("\"ok\"", new ScriptCacheOptions { LanguageVersion = "12" }).SetName("Load_LanguageVersionChanged_OwnEntryAndBothStayWarm");
        yield return new TestCaseData("\"ok\"", new ScriptCacheOptions { Optimize = true }).SetName("Load_OptimizationChanged_OwnEntryAndBothStayWarm");
        yield return new TestCaseData("\"ok\"", new ScriptCacheOptions { Imports = ["System.Xml"] }).SetName("Load_ImportsChanged_OwnEntryAndBothStayWarm");
        yield return new TestCaseData("\"ok\"", new ScriptCacheOptions { References = [typeof(ScriptCacheTests).Assembly.Location] }).SetName("Load_ExtraReferencesChanged_OwnEntryAndBothStayWarm");
        yield return new TestCaseData("\"ok\"", new ScriptCacheOptions { ReturnType = typeof(string) }).SetName("Load_ReturnTypeChanged_OwnEntryAndBothStayWarm");
        yield return new TestCaseData("\"ok\"", new ScriptCacheOptions { PreprocessorSymbols = ["DEBUG"] }).SetName("Load_PreprocessorSymbolsChanged_OwnEntryAndBothStayWarm");
        yield return new TestCaseData("\"ok\"", new ScriptCacheOptions { AllowUnsafe = false }).SetName("Load_AllowUnsafeChanged_OwnEntryAndBothStayWarm");
    }

    [TestCaseSource(nameof(OptionChanges))]
    public async Task Load_OneCompileOptionChanged_OwnEntryAndBothStayWarm(string code, ScriptCacheOptions changed)
    {
        var path = _temp.Write("opts.csx", code);
        var other = changed with { CacheDirectory = _temp.CacheDirectory, OnEvent = _events.Add };
        await LoadAndRun(path);

        var result = await RunFresh(path, other);
        await LoadAndRun(path);
        await LoadAndRun(path, other);

        Assert.That(result, Is.EqualTo("ok"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit, CacheEventKind.Hit }));
    }

    [Test]
    public async Task Load_GlobalsTypeChanged_OwnEntry()
    {
        var path = _temp.Write("globals.csx", "\"ok\"");
        await LoadAndRun(path);

        var result = await RunFresh(path, Options with { GlobalsType = typeof(TestGlobals) }, new TestGlobals());
        await LoadAndRun(path);

        Assert.That(result, Is.EqualTo("ok"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    public async Task Load_SchemaVersionBumped_CompiledAgainInItsOwnNamespace()
    {
        var path = _temp.Write("schema.csx", "1");
        await LoadAndRun(path);

        await RunFresh(path, Options with { SchemaVersion = CacheHeader.CurrentVersion + 1 });

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss }));
        Assert.That(ScriptCache.GetEntryPath(path, Options with { SchemaVersion = CacheHeader.CurrentVersion + 1 }), Is.Not.EqualTo(ScriptCache.GetEntryPath(path, Options)));
    }

    [Test]
    public async Task Load_PayloadByteFlipped_StaleAndStillRuns()
    {
        var path = _temp.Write("flip.csx", "\"intact\"");
        await LoadAndRun(path);
        var entry = ScriptCache.GetEntryPath(path, Options);
        var bytes = File.ReadAllBytes(entry);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(entry, bytes);

        var result = await RunFresh(path);

        Assert.That(result, Is.EqualTo("intact"));
        Assert.That(_events.Events.Single().Step, Is.EqualTo("checksum"));
    }

    [Test]
    public async Task Load_DependencyDigestNotMatchingManifest_Stale()
    {
        var path = _temp.Write("digest.csx", "\"intact\"");
        await LoadAndRun(path);
        var entry = ScriptCache.GetEntryPath(path, Options);
        var bytes = File.ReadAllBytes(entry);
        (CacheHeader.Read(bytes) with { DependencyDigest = 12345 }).WriteTo(bytes);
        File.WriteAllBytes(entry, bytes);

        var result = await RunFresh(path);

        Assert.That(result, Is.EqualTo("intact"));
        Assert.That(_events.Events.Single().Step, Is.EqualTo("manifest"));
    }

    [Test]
    public async Task Load_TouchLoopTwentyTimes_AlternatesRevalidatedAndHit()
    {
        _temp.Write("lib.csx", "static int Answer() => 42;");
        var path = _temp.Write("loop.csx", "#load \"lib.csx\"\nAnswer()");
        await LoadAndRun(path);

        for (var i = 0; i < 20; i++)
        {
            FileTimes.Touch(path);
            _events.Take();
            Assert.That(await LoadAndRun(path), Is.EqualTo(42));
            Assert.That(await LoadAndRun(path), Is.EqualTo(42));
            Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Revalidated, CacheEventKind.Hit }), $"round {i}");
        }
    }

    [Test]
    public async Task Load_ReadOnlyMode_NeverChangesAByte()
    {
        var missing = _temp.Write("missing.csx", "\"miss\"");
        var stale = _temp.Write("stale.csx", "\"before\"");
        var touched = _temp.Write("touched.csx", "\"touched\"");
        await LoadAndRun(stale);
        await LoadAndRun(touched);
        FileTimes.Rewrite(stale, "\"after!\"");
        FileTimes.Touch(touched);
        var before = Snapshot(_temp.CacheDirectory);
        var readOnly = Options with { Mode = CacheMode.ReadOnly };

        _events.Take();
        Assert.That(await LoadAndRun(missing, readOnly), Is.EqualTo("miss"));
        Assert.That(await LoadAndRun(stale, readOnly), Is.EqualTo("after!"));
        Assert.That(await LoadAndRun(touched, readOnly), Is.EqualTo("touched"));

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Stale, CacheEventKind.Revalidated }));
        Assert.That(Snapshot(_temp.CacheDirectory), Is.EqualTo(before));
    }

    [Test]
    public async Task Load_ReadOnlyFromEnvironment_WritesNothing()
    {
        var path = _temp.Write("env.csx", "1");
        var previous = Environment.GetEnvironmentVariable(ScriptCache.ReadOnlyVariable);
        try
        {
            Environment.SetEnvironmentVariable(ScriptCache.ReadOnlyVariable, "1");
            Assert.That(await LoadAndRun(path), Is.EqualTo(1));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ScriptCache.ReadOnlyVariable, previous);
        }

        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
    }

    [Test]
    public async Task Load_DisabledFromEnvironment_NeverCreatesCacheDir()
    {
        var path = _temp.Write("env.csx", "2");
        var previous = Environment.GetEnvironmentVariable(ScriptCache.DisableVariable);
        try
        {
            Environment.SetEnvironmentVariable(ScriptCache.DisableVariable, "1");
            Assert.That(await LoadAndRun(path), Is.EqualTo(2));
            Assert.That(await LoadAndRun(path), Is.EqualTo(2));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ScriptCache.DisableVariable, previous);
        }

        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
        Assert.That(_events.Kinds, Is.Empty);
    }

    /// <summary>Every path under a directory with its mode, mtime and content hash.</summary>
    internal static IReadOnlyList<string> Snapshot(string directory)
    {
        var lines = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(entry);
            var mode = OperatingSystem.IsWindows() ? string.Empty : File.GetUnixFileMode(entry).ToString();
            var hash = File.Exists(entry) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry))) : "dir";
            lines.Add($"{entry} {mode} {info.LastWriteTimeUtc.Ticks} {hash}");
        }

        lines.Add($"{directory} {Directory.GetLastWriteTimeUtc(directory).Ticks}");
        return lines;
    }
}
