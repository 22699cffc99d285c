using System.Runtime.CompilerServices;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

public sealed partial class ScriptCacheTests
{
    private TempDirectory _temp = null!;
    private EventLog _events = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _events = new EventLog();
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private ScriptCacheOptions Options => new() { CacheDirectory = _temp.CacheDirectory, OnEvent = _events.Add };

    private async Task<object?> LoadAndRun(string path, ScriptCacheOptions? options = null, object? globals = null)
    {
        using var script = ScriptCache.Load(path, options ?? Options);
        return await script.RunAsync(globals);
    }

    [Test]
    public async Task Load_TwiceFromFreshCache_MissThenHitWithSameResult()
    {
        var path = _temp.Write("hello.csx", "var xs = new[] { 1, 2, 3 };\nxs.Sum() * 2");

        var first = await LoadAndRun(path);
        var second = await LoadAndRun(path);

        Assert.That(first, Is.EqualTo(12));
        Assert.That(second, Is.EqualTo(12));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    public async Task Load_CompileWithWarnings_ReportedOnMissAndInMemoryNeverOnHit()
    {
        var helper = _temp.Write("helper.csx", "#warning in the helper\nint Two() => 2;");
        var path = _temp.Write("warns.csx", "#load \"helper.csx\"\n#warning check this\nTwo()");
        var reported = new List<ScriptDiagnostic>();
        var options = Options with { OnCompilerWarnings = reported.AddRange };

        Assert.That(await LoadAndRun(path, options), Is.EqualTo(2));
        var miss = reported.Select(d => d.ToString()).ToList();
        reported.Clear();
        await LoadAndRun(path, options);
        var hit = reported.Count;
        await LoadAndRun(path, options with { Mode = CacheMode.Disabled });

        Assert.That(miss, Is.EquivalentTo(new[]
        {
            $"{helper}(1,10): warning CS1030: #warning: 'in the helper'",
            $"{path}(2,10): warning CS1030: #warning: 'check this'",
        }));
        Assert.That(hit, Is.Zero);
        Assert.That(reported, Has.Count.EqualTo(2), "an in-memory compile reports too");
    }

    [Test]
    public async Task Load_SourceEditedToNewSize_StaleAndNewResult()
    {
        var path = _temp.Write("edit.csx", "1 + 1");
        await LoadAndRun(path);
        FileTimes.Rewrite(path, "10 + 10");
        _events.Take();

        var result = await LoadAndRun(path);

        Assert.That(result, Is.EqualTo(20));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
    }

    [Test]
    public async Task Load_SourceEditedSameSizeNewMtime_StaleAndNewResult()
    {
        var path = _temp.Write("edit.csx", "1 + 1");
        await LoadAndRun(path);
        FileTimes.Rewrite(path, "2 + 2");
        _events.Take();

        var result = await LoadAndRun(path);

        Assert.That(result, Is.EqualTo(4));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
    }

    [Test]
    public async Task Load_DefaultImports_FrameworkApisWithoutReferences()
    {
        var path = _temp.Write("framework.csx", """
            using System.Text.Json;
            using System.Text.RegularExpressions;
            record Point(int X, int Y);
            var json = JsonSerializer.Serialize(new Point(1, 2));
            var digits = Regex.Matches("a1b22c333", @"\d+").Select(m => m.Value.Length).Sum();
            var client = typeof(HttpClient).Name;
            var sb = new StringBuilder().Append(json).Append(digits).Append(client);
            Expression<Func<int>> e = () => 1;
            Debug.Assert(true);
            WriteLine(sb);
            sb.ToString()
            """);

        var result = await LoadAndRun(path);

        Assert.That(result, Is.EqualTo("{\"X\":1,\"Y\":2}6HttpClient"));
    }

    [Test]
    public async Task Load_ScriptWithLoadDirective_RunsBothFiles()
    {
        _temp.Write("lib/helpers.csx", "static int Twice(int x) => x * 2;");
        var path = _temp.Write("main.csx", "#load \"lib/helpers.csx\"\nTwice(21)");

        var first = await LoadAndRun(path);
        var second = await LoadAndRun(path);

        Assert.That(first, Is.EqualTo(42));
        Assert.That(second, Is.EqualTo(42));
    }

    [Test]
    public void Load_CompileError_TypedExceptionFormattedAndNothingCached()
    {
        var path = _temp.Write("broken.csx", "var x = 1;\nundefinedThing + x");

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(path, Options));

        Assert.That(error!.Path, Is.EqualTo(path));
        var diagnostic = error.Diagnostics[0];
        Assert.That(
            (diagnostic.Id, diagnostic.Severity, diagnostic.FilePath, diagnostic.StartLine, diagnostic.StartColumn, diagnostic.EndLine, diagnostic.EndColumn),
            Is.EqualTo(("CS0103", ScriptDiagnosticSeverity.Error, path, 2, 1, 2, 15)));
        Assert.That(diagnostic.Message, Does.Contain("undefinedThing"));
        Assert.That(error.Message, Does.StartWith($"{path}(2,1): error CS0103: "));
        Assert.That(error.Message, Does.Contain("undefinedThing"));
        Assert.That(File.Exists(ScriptCache.GetEntryPath(path, Options)), Is.False);
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss }));
    }

    [Test]
    public void Load_CompileErrorInLoadedFile_NamesThatFile()
    {
        var helper = _temp.Write("helper.csx", "int Broken() => \"text\";");
        var path = _temp.Write("main.csx", "#load \"helper.csx\"\nBroken()");

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(path, Options));

        Assert.That(error!.Message, Does.StartWith($"{helper}(1,17): error CS0029: "));
    }

    [Test]
    [Category("Reliability")]
    public void Load_MissingLoadTarget_CompileErrorWithFileAndLine()
    {
        var path = _temp.Write("main.csx", "// first line\n#load \"nowhere.csx\"\n1");

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(path, Options));

        Assert.That(error!.Message, Does.StartWith($"{path}(2,"));
        Assert.That(error.Message, Does.Contain("nowhere.csx"));
        AssertCleanError(error, path, "a #load of a missing file");
    }

    [Test]
    public async Task RunAsync_ScriptThrowsOnHit_StackTraceNamesScriptFileAndLine()
    {
        var path = _temp.Write("throws.csx", "var a = 1;\nvoid Fail() => throw new InvalidOperationException(\"boom\");\nFail();\n");
        await AssertThrowsAtLine(path);
        _events.Take();

        await AssertThrowsAtLine(path);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
    }

    private async Task AssertThrowsAtLine(string path)
    {
        using var script = ScriptCache.Load(path, Options);
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => script.RunAsync());
        Assert.That(error!.Message, Is.EqualTo("boom"));
        Assert.That(error.StackTrace, Does.Contain($"{path}:line 2"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Load_GlobalsType_MembersInScopeAcrossHit()
    {
        var path = _temp.Write("globals.csx", "Name + \":\" + Count");
        var options = Options with { GlobalsType = typeof(TestGlobals) };

        var first = await LoadAndRun(path, options, new TestGlobals { Name = "a", Count = 1 });
        var second = await LoadAndRun(path, options, new TestGlobals { Name = "b", Count = 2 });

        Assert.That(first, Is.EqualTo("a:1"));
        Assert.That(second, Is.EqualTo("b:2"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    public async Task Load_ExtraImport_UsableWithoutUsing()
    {
        var path = _temp.Write("imports.csx", "Regex.IsMatch(\"abc\", \"b\")");

        var result = await LoadAndRun(path, Options with { Imports = ["System.Text.RegularExpressions"] });

        Assert.That(result, Is.EqualTo(true));
    }

    [Test]
    public async Task Load_DifferentOptions_SeparateEntriesThatBothStayWarm()
    {
        var path = _temp.Write("defines.csx", "#if EXTRA\n\"extra\"\n#else\n\"plain\"\n#endif");

        var plain = await LoadAndRun(path);
        var extra = await LoadAndRun(path, Options with { PreprocessorSymbols = ["EXTRA"] });

        Assert.That(plain, Is.EqualTo("plain"));
        Assert.That(extra, Is.EqualTo("extra"));
        Assert.That(await LoadAndRun(path), Is.EqualTo("plain"));
        Assert.That(await LoadAndRun(path, Options with { PreprocessorSymbols = ["EXTRA"] }), Is.EqualTo("extra"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Miss, CacheEventKind.Hit, CacheEventKind.Hit }));
    }

    [Test]
    [Category("Reliability")]
    public void Load_MissingScript_TypedErrorNamesPath()
    {
        var path = _temp.Combine("absent.csx");

        var error = Assert.Throws<ScriptSourceException>(() => ScriptCache.Load(path, Options));

        AssertCleanError(error!, path, "a missing script");
    }

    [Test]
    [Category("Reliability")]
    public void Load_BinaryFile_TypedErrorNamesPath()
    {
        var path = _temp.Combine("binary.csx");
        File.WriteAllBytes(path, [0x4d, 0x5a, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0xff]);

        var error = Assert.Throws<ScriptSourceException>(() => ScriptCache.Load(path, Options));

        Assert.That(error!.Path, Is.EqualTo(path));
        AssertCleanError(error, path, "a binary file");
    }

    [Test]
    [Category("Reliability")]
    public void Load_NotUtf8_TypedErrorNamesPath()
    {
        var path = _temp.Combine("latin1.csx");
        File.WriteAllBytes(path, [.. "\"caf"u8, 0xe9, .. "\""u8]);

        var error = Assert.Throws<ScriptSourceException>(() => ScriptCache.Load(path, Options));

        Assert.That(error!.Message, Does.Contain("UTF-8"));
        AssertCleanError(error, path, "a script that is not UTF-8");
    }

    [Test]
    public void Load_CacheDirIsAFile_ScriptStillRunsAndWriteFailedReported()
    {
        File.WriteAllText(_temp.CacheDirectory, "in the way");
        var path = _temp.Write("a.csx", "40 + 2");

        var result = LoadAndRun(path).GetAwaiter().GetResult();

        Assert.That(result, Is.EqualTo(42));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.WriteFailed }));
    }

    [TestCase(" ")]
    [TestCase("\t")]
    [Category("Reliability")]
    public void DefaultCacheDirectory_BlankEnvironmentVariable_CountsAsUnset(string blank)
    {
        var previous = Environment.GetEnvironmentVariable(ScriptCache.CacheDirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(ScriptCache.CacheDirectoryVariable, null);
            var unset = ScriptCache.DefaultCacheDirectory;

            Environment.SetEnvironmentVariable(ScriptCache.CacheDirectoryVariable, blank);
            Assert.That(ScriptCache.DefaultCacheDirectory, Is.EqualTo(unset));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ScriptCache.CacheDirectoryVariable, previous);
        }
    }

    [Test]
    public async Task LoadText_Code_RunsLoadsRelativeToPathAndTouchesNoCache()
    {
        _temp.Write("lib/helper.csx", "int Twice(int x) => 2 * x;");

        using var script = ScriptCache.LoadText("#load \"helper.csx\"\nTwice(21)", _temp.Combine("lib", "<memory>"), Options);
        var result = await script.RunAsync();

        Assert.That(result, Is.EqualTo(42));
        Assert.That(script.Path, Is.EqualTo(_temp.Combine("lib", "<memory>")));
        Assert.That(_events.Kinds, Is.Empty);
        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
    }

    [Test]
    public void LoadText_RelativePath_ResolvesAgainstCurrentDirectory()
    {
        using var script = ScriptCache.LoadText("1", "inline.csx");

        Assert.That(script.Path, Is.EqualTo(Path.GetFullPath("inline.csx")));
    }

    [Test]
    public void LoadText_CompileError_ThrowsCompilationExceptionNamingPath()
    {
        var path = _temp.Combine("<memory>");

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCache.LoadText("var z = undefinedThing;", path, Options));

        Assert.That(error!.Path, Is.EqualTo(path));
        Assert.That(error.Message, Does.StartWith($"{path}(1,9): error CS0103: "));
        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
    }

    [Test]
    public void DefaultCacheDirectory_EnvironmentVariable_Wins()
    {
        var previous = Environment.GetEnvironmentVariable(ScriptCache.CacheDirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(ScriptCache.CacheDirectoryVariable, _temp.CacheDirectory);
            Assert.That(ScriptCache.DefaultCacheDirectory, Is.EqualTo(_temp.CacheDirectory));

            Environment.SetEnvironmentVariable(ScriptCache.CacheDirectoryVariable, null);
            Assert.That(ScriptCache.DefaultCacheDirectory, Does.EndWith("roslyn-bootsnap"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ScriptCache.CacheDirectoryVariable, previous);
        }
    }

    [Test]
    public void Precompile_ThenLoad_Hit()
    {
        var path = _temp.Write("pre.csx", "7");

        Assert.That(ScriptCache.Precompile(path, Options), Is.True);
        Assert.That(_events.Take(), Is.EqualTo(new[] { CacheEventKind.Miss }));
        using var script = ScriptCache.Load(path, Options);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
    }

    [Test]
    public void Load_Unload_ContextIsCollected()
    {
        var path = _temp.Write("unload.csx", "new object()");
        ScriptCache.Precompile(path, Options);

        var weak = LoadRunAndUnload(path, Options);
        for (var i = 0; i < 20 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.That(weak.IsAlive, Is.False, "the collectible context must be collected after Unload");
    }

    [Test]
    public async Task Load_OneOptionsObjectForManyScripts_EachRightAndHitsAfterwards()
    {
        var options = Options;
        var paths = Enumerable.Range(0, 3).Select(i => _temp.Write($"s{i}.csx", $"{i} * 10")).ToArray();
        foreach (var path in paths)
        {
            await LoadAndRun(path, options);
        }

        _events.Take();
        var results = new List<object?>();
        foreach (var path in paths)
        {
            results.Add(await LoadAndRun(path, options));
        }

        Assert.That(results, Is.EqualTo(new object[] { 0, 10, 20 }));
        Assert.That(_events.Kinds, Is.EqualTo(Enumerable.Repeat(CacheEventKind.Hit, 3)));
    }

    [Test]
    public void Load_GlobalsTypeFromCollectibleContext_ContextCollectedOnceOptionsAreDropped()
    {
        // The key fields kept per options object must not keep a plugin's context alive after its host lets go.
        var dll = _temp.Combine("plugin", "PluginGlobals.dll");
        AssemblyBuilder.Build(dll, "PluginGlobals", "public class PluginGlobals { public int Answer = 42; }");
        var path = _temp.Write("globals.csx", "Answer");

        var weak = LoadWithPluginGlobalsAndUnload(dll, path);
        for (var i = 0; i < 20 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.That(weak.IsAlive, Is.False, "the plugin's context must be collected once nothing references its types");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference LoadWithPluginGlobalsAndUnload(string dll, string path)
    {
        var plugin = new System.Runtime.Loader.AssemblyLoadContext("plugin", isCollectible: true);
        var globalsType = plugin.LoadFromAssemblyPath(dll).GetType("PluginGlobals", throwOnError: true)!;
        var options = Options with { GlobalsType = globalsType };
        using (var script = ScriptCache.Load(path, options))
        {
            Assert.That(script.RunAsync(Activator.CreateInstance(globalsType)).GetAwaiter().GetResult(), Is.EqualTo(42));
        }

        using (var again = ScriptCache.Load(path, options))
        {
            Assert.That(_events.Kinds[^1], Is.EqualTo(CacheEventKind.Hit));
        }

        plugin.Unload();
        return new WeakReference(plugin);
    }

    [Test]
    [Category("Reliability")]
    public void Load_SixteenThreadsSamePath_OneCompileAndEveryThreadRuns()
    {
        var path = _temp.Write("shared.csx", "Enumerable.Range(1, 10).Sum()");
        using var start = new Barrier(16);

        var results = Enumerable.Range(0, 16)
            .Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    using var script = ScriptCache.Load(path, Options);
                    return script.RunAsync().GetAwaiter().GetResult();
                },
                TaskCreationOptions.LongRunning))
            .ToArray();
        Task.WaitAll(results);

        TestContext.Progress.WriteLine($"concurrency in-process: 16 threads x 1 script: {_events.Kinds.Count(k => k == CacheEventKind.Miss)} compile, "
            + $"{_events.Kinds.Count(k => k == CacheEventKind.Hit)} hits, wrong outputs {results.Count(r => !Equals(r.Result, 55))}");
        Assert.That(results.Select(r => r.Result), Is.All.EqualTo(55));
        Assert.That(_events.Kinds.Count(k => k == CacheEventKind.Miss), Is.EqualTo(1), "one compile");
        Assert.That(_events.Kinds.Count(k => k == CacheEventKind.Hit), Is.EqualTo(15));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadRunAndUnload(string path, ScriptCacheOptions options)
    {
        var script = ScriptCache.Load(path, options);
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(script.Assembly)!;
        Assert.That(context.IsCollectible, Is.True);
        script.RunAsync().GetAwaiter().GetResult();
        script.Unload();
        return new WeakReference(context);
    }
}
