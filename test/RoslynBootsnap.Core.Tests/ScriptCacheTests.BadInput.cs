using System.Runtime.Versioning;
using RoslynBootsnap.Platform;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

/// <summary>
/// Bad input is a clear, typed error whose message names the path, with no stack trace from our internals. The
/// cases already covered elsewhere (a missing script, a binary or non-UTF-8 file, a missing <c>#load</c> target,
/// an <c>#r</c> of a non-assembly, globals of the wrong type) check their messages through
/// <see cref="AssertCleanError"/> too; a cache dir on a read-only file system is among the faults.
/// </summary>
public sealed partial class ScriptCacheTests
{
    [Test]
    [Category("Reliability")]
    public void Load_DirectoryAsScript_TypedErrorNamesPath()
    {
        var path = _temp.Combine("scripts.csx");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<ScriptSourceException>(() => ScriptCache.Load(path, Options));

        AssertCleanError(error!, path, "a directory as a script");
        Assert.That(error!.Message, Does.Contain("is a directory"));
        Assert.That(_events.Kinds, Is.Empty);
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    [UnsupportedOSPlatform("windows")]
    public void Load_FifoAsScript_TypedErrorWithoutBlocking()
    {
        var path = Fifo.Create(_temp.Combine("pipe.csx"));

        var load = Fifo.Bounded(path, () => Assert.Catch(() => ScriptCache.Load(path, Options)));

        Assert.That(load.Result, Is.InstanceOf<ScriptSourceException>());
        AssertCleanError(load.Result!, path, "a FIFO as a script");
        Assert.That(load.Result!.Message, Does.Contain("is not a regular file (a FIFO)"));
        Assert.That(_events.Kinds, Is.Empty);
    }

    [Test]
    [Category("Reliability")]
    public void Load_DeviceAsScript_TypedErrorNamesPath()
    {
        var error = Assert.Throws<ScriptSourceException>(() => ScriptCache.Load("/dev/null", Options));

        AssertCleanError(error!, "/dev/null", "a device as a script");
        Assert.That(error!.Message, Does.Contain("is not a regular file (a character device)"));
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    [UnsupportedOSPlatform("windows")]
    public void Load_FifoAtEntryPath_StaleOpenEntryThenReplaced()
    {
        var path = _temp.Write("fifo-entry.csx", "6 * 7");
        var entry = ScriptCache.GetEntryPath(path, Options);
        Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
        Fifo.Create(entry);

        var result = Fifo.Bounded(entry, () => LoadAndRun(path).GetAwaiter().GetResult());

        Assert.That(result.Result, Is.EqualTo(42));
        Assert.That(_events.Events.Select(e => (e.Kind, e.Step)), Is.EqualTo(new[] { (CacheEventKind.Stale, (string?)"open-entry") }));
        Assert.That(UnixFile.TryGetStatus(entry, out var replaced) && replaced.IsRegularFile, Is.True, "the FIFO was replaced by an entry");
        Assert.That(LoadAndRun(path).GetAwaiter().GetResult(), Is.EqualTo(42));
        Assert.That(_events.Kinds[^1], Is.EqualTo(CacheEventKind.Hit));
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    [UnsupportedOSPlatform("windows")]
    public void Load_UnreadableScriptForUnprivilegedUser_TypedErrorNamesPath()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to run the child as an unprivileged user: root reads any file.");
        }

        File.SetUnixFileMode(_temp.Path, OpenDirectoryMode);
        var path = _temp.Write("secret.csx", "\"secret\"");
        File.SetUnixFileMode(path, UnixFileMode.None);

        var run = TestHost.RunAsNobody(_temp, _temp.Combine("nobody-cache"), path);

        var error = run.Lines("error:").SingleOrDefault() ?? string.Empty;
        TestContext.Progress.WriteLine($"bad input (an unreadable script, chmod 000, uid 65534): {error}");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(error, Does.StartWith($"{nameof(ScriptSourceException)}: "));
        Assert.That(error, Does.Contain($"'{path}'").And.Contain("permission denied").And.Not.Contain("open-source"));
        Assert.That(run.StandardOutput, Does.Not.Contain("   at "));
        Assert.That(run.Lines("event:"), Is.Empty);
    }

    [TestCase("", TestName = "Load_EmptyScript_RunsToNullThenHits")]
    [TestCase(" \n\t\n  ", TestName = "Load_WhitespaceOnlyScript_RunsToNullThenHits")]
    [TestCase("// nothing to do yet\n/* not even\n   this */", TestName = "Load_CommentOnlyScript_RunsToNullThenHits")]
    [TestCase("using System.Text;\n#nullable enable\n// usings and directives only", TestName = "Load_UsingsOnlyScript_RunsToNullThenHits")]
    [Category("Reliability")]
    public async Task Load_ScriptWithoutCode_RunsToNullThenHits(string text)
    {
        var path = _temp.Write("nothing.csx", text);

        var first = await LoadAndRun(path);
        var second = await LoadAndRun(path);

        Assert.That(first, Is.Null);
        Assert.That(second, Is.Null);
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    [Category("Reliability")]
    public async Task Load_LoadCycleAmongLoadedFiles_EachFileCompiledOnceAndRuns()
    {
        // Roslyn loads each #load target once, whatever the cycle between the loaded files.
        _temp.Write("lib/a.csx", "#load \"b.csx\"\nstatic int A() => 1;");
        _temp.Write("lib/b.csx", "#load \"a.csx\"\n#load \"b.csx\"\nstatic int B() => 2;");
        var path = _temp.Write("main.csx", "#load \"lib/a.csx\"\nA() + B()");

        var first = await LoadAndRun(path);
        var second = await LoadAndRun(path);

        TestContext.Progress.WriteLine($"bad input (a #load cycle between loaded files): runs, {first} then {second}");
        Assert.That(first, Is.EqualTo(3));
        Assert.That(second, Is.EqualTo(3));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    [Category("Reliability")]
    public void Load_ScriptLoadsItself_CompileErrorNamesScript()
    {
        // The main script is not among the files Roslyn has loaded, so loading itself compiles it twice.
        var path = _temp.Write("self.csx", "#load \"self.csx\"\nstatic int calls;\n++calls");

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(path, Options));

        AssertCleanError(error!, path, "a script that #loads itself");
        Assert.That(error!.Message, Does.StartWith($"{path}(2,12): error CS0102: "));
    }

    [Test]
    [Category("Reliability")]
    public void Load_LoadCycleBackToMainScript_CompileErrorNamesMainScript()
    {
        // Roslyn does not count the main script among the files it has loaded, so a #load that leads back to it
        // compiles it a second time: its members are defined twice. A typed compile error, and nothing cached.
        _temp.Write("lib/b.csx", "#load \"../main.csx\"\nstatic int B() => 2;");
        var path = _temp.Write("main.csx", "#load \"lib/b.csx\"\nstatic int A() => 1;\nA() + B()");

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCache.Load(path, Options));

        AssertCleanError(error!, path, "a #load cycle back to the main script");
        Assert.That(error!.Message, Does.StartWith($"{path}(2,12): error CS0111: "));
        Assert.That(File.Exists(ScriptCache.GetEntryPath(path, Options)), Is.False);
    }

    [Test]
    [Category("Reliability")]
    public void Load_CacheDirTooLong_ArgumentExceptionNamesPathBeforeIO()
    {
        var path = _temp.Write("a.csx", "1");
        var directory = _temp.Combine(new string('x', 5000));

        var error = Assert.Throws<ArgumentException>(() => ScriptCache.Load(path, Options with { CacheDirectory = directory }));

        AssertCleanError(error!, directory, "a cache-dir path too long");
        Assert.That(Directory.GetDirectories(_temp.Path), Is.Empty);
    }

    /// <summary>
    /// Asserts that a bad-input error names the path and carries no stack trace in its message, and prints it.
    /// </summary>
    internal static void AssertCleanError(Exception error, string path, string what)
    {
        TestContext.Progress.WriteLine($"bad input ({what}): {error.GetType().Name}: {error.Message.Split('\n')[0]}");
        Assert.That(error.Message, Does.Contain(path), "the message names the path");
        Assert.That(error.Message, Does.Not.Contain("   at ").And.Not.Contain(" at RoslynBootsnap."), "no stack trace in the message");
    }
}
