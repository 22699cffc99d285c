using System.Runtime.Versioning;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

/// <summary>
/// A failure at each step of the entry write path (mkdir, create-temp, write, flush, rename) and read path
/// (open-entry, read-header, read-entry) never stops a script: it runs with the right output, and exactly one
/// event names the step. Real faults come first: read-only mounts and directories, a full disk, a file size limit,
/// a file or a directory in the way. Only flush and read-entry, which no real fault reaches, go through
/// <see cref="CacheFile.BeforeStep"/>.
/// </summary>
/// <remarks>
/// There is no chmod step to fail: entries are created 0644 by the open call itself (UnixCreateMode), and
/// directories with their mode by mkdir.
/// </remarks>
public sealed partial class ScriptCacheTests
{
    [Test]
    [Category("Reliability")]
    public async Task Load_MkdirFailsBecauseCacheDirIsAFile_RunsAndOneEventNamesMkdir()
    {
        File.WriteAllText(_temp.CacheDirectory, "in the way");
        var path = _temp.Write("a.csx", "\"ran\"");

        var result = await LoadAndRun(path);

        AssertRanAndOneEventNames("mkdir", "cache dir is a file", result, "ran", [CacheEventKind.Miss, CacheEventKind.WriteFailed]);
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public async Task Load_CacheDirOnReadOnlyFileSystem_RunsUncachedAndOneEventNamesMkdir()
    {
        Directory.CreateDirectory(_temp.CacheDirectory);
        var path = _temp.Write("a.csx", "\"ran\"");
        using var mount = Mount.TryReadOnly(_temp.CacheDirectory, out var why) ?? IgnoreFor<Mount>(why);

        var result = await LoadAndRun(path);

        AssertRanAndOneEventNames("mkdir", "read-only bind mount, no shard yet", result, "ran", [CacheEventKind.Miss, CacheEventKind.WriteFailed]);
        _events.Take();
        Assert.That(await LoadAndRun(path), Is.EqualTo("ran"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.WriteFailed }), "uncached every time");
        Assert.That(Directory.EnumerateFileSystemEntries(_temp.CacheDirectory), Is.Empty);
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public async Task Load_CreateTempFailsOnReadOnlyMountWithStaleEntry_RunsNewCodeAndOneEventNamesCreateTemp()
    {
        var path = _temp.Write("a.csx", "\"old\"");
        ScriptCache.Precompile(path, Options);
        FileTimes.Rewrite(path, "\"new\"");
        _events.Take();
        using var mount = Mount.TryReadOnly(_temp.CacheDirectory, out var why) ?? IgnoreFor<Mount>(why);

        var result = await LoadAndRun(path);

        AssertRanAndOneEventNames("create-temp", "read-only bind mount, stale entry", result, "new", [CacheEventKind.Stale, CacheEventKind.WriteFailed]);
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public async Task Load_CreateTempFailsOnFullDisk_RunsLeavesNoTempFileAndRecoversWhenSpaceReturns()
    {
        var before = _temp.Write("before.csx", "\"fits\"");
        var path = _temp.Write("a.csx", "\"ran\"");
        using var mount = Mount.TryTmpfs(_temp.CacheDirectory, "64k", out var why) ?? IgnoreFor<Mount>(why);
        Assert.That(await LoadAndRun(before), Is.EqualTo("fits"));
        var filler = Path.Combine(_temp.CacheDirectory, "filler");
        FillDisk(filler);
        _events.Take();

        var result = await LoadAndRun(path);

        AssertRanAndOneEventNames("create-temp", "64 KiB tmpfs filled up", result, "ran", [CacheEventKind.Miss, CacheEventKind.WriteFailed]);
        Assert.That(TempFilesIn(_temp.CacheDirectory), Is.Zero);
        File.Delete(filler);
        _events.Take();
        Assert.That(await LoadAndRun(path), Is.EqualTo("ran"));
        Assert.That(await LoadAndRun(path), Is.EqualTo("ran"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }), "space is back: the entry is written");
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    [UnsupportedOSPlatform("windows")]
    public void Load_ShardNotWritableForUnprivilegedUser_RunsNewCodeAndOneEventNamesCreateTemp()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to run the child as an unprivileged user.");
        }

        File.SetUnixFileMode(_temp.Path, OpenDirectoryMode);
        var path = _temp.Write("a.csx", "\"old\"");
        ScriptCache.Precompile(path, Options);
        File.SetUnixFileMode(_temp.CacheDirectory, OpenDirectoryMode);
        FileTimes.Rewrite(path, "\"new\"");

        var run = TestHost.RunAsNobody(_temp, _temp.CacheDirectory, path);

        AssertChildRanAndOneEventNames("create-temp", "shard 0755 owned by root, child is uid 65534", run, "new", ["stale source-content", "write-failed create-temp"]);
    }

    [Test]
    [Category("Reliability")]
    public async Task Load_FlushFails_RunsAndOneEventNamesFlushAndNoTempFileLeft()
    {
        var path = _temp.Write("a.csx", "\"ran\"");

        var result = await WithFault("flush", () => LoadAndRun(path));

        AssertRanAndOneEventNames("flush", "injected I/O error", result, "ran", [CacheEventKind.Miss, CacheEventKind.WriteFailed]);
        Assert.That(TempFilesIn(_temp.CacheDirectory), Is.Zero);
        Assert.That(File.Exists(ScriptCache.GetEntryPath(path, Options)), Is.False);
    }

    [Test]
    [Category("Reliability")]
    public async Task Load_RenameFailsBecauseDirectoryOccupiesEntryPath_RunsAndOneEventNamesRename()
    {
        var path = _temp.Write("a.csx", "\"ran\"");
        var entry = ScriptCache.GetEntryPath(path, Options);
        Directory.CreateDirectory(Path.Combine(entry, "occupied"));

        var result = await LoadAndRun(path);

        // The directory cannot be opened as an entry either: that read is stale, then the rename over it fails.
        AssertRanAndOneEventNames("rename", "non-empty directory at the entry path", result, "ran", [CacheEventKind.Stale, CacheEventKind.WriteFailed]);
        Assert.That(_events.Events[0].Step, Is.EqualTo("open-entry"));
        Assert.That(TempFilesIn(_temp.CacheDirectory), Is.Zero);
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    [UnsupportedOSPlatform("windows")]
    public void Load_OpenEntryFailsOnUnreadableEntryForUnprivilegedUser_RunsAndOneEventNamesOpenEntry()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to run the child as an unprivileged user.");
        }

        // Everything belongs to the unprivileged user, so the cache is trusted and its entries are its own.
        File.SetUnixFileMode(_temp.Path, OpenDirectoryMode);
        var home = _temp.Combine("nobody");
        Directory.CreateDirectory(home);
        Chown(home);
        var path = Path.Combine(home, "a.csx");
        File.WriteAllText(path, "\"ran\"");
        var cache = Path.Combine(home, "cache");
        var first = TestHost.RunAsNobody(_temp, cache, path);
        Assert.That(first.Lines("event:"), Is.EqualTo(new[] { "miss" }), first.ToString());
        var entry = ScriptCache.GetEntryPath(path, new ScriptCacheOptions { CacheDirectory = cache });
        File.SetUnixFileMode(entry, UnixFileMode.None);

        var run = TestHost.RunAsNobody(_temp, cache, path);
        var again = TestHost.RunAsNobody(_temp, cache, path);

        AssertChildRanAndOneEventNames("open-entry", "entry chmod 000, child is uid 65534", run, "ran", ["stale open-entry"]);
        Assert.That(again.Lines("event:"), Is.EqualTo(new[] { "hit" }), "the entry was rewritten readable: " + again);
    }

    [Test]
    [Category("Reliability")]
    public async Task Load_ReadHeaderFailsOnShortEntry_RunsAndOneEventNamesReadHeaderThenHits()
    {
        var path = _temp.Write("a.csx", "\"ran\"");
        ScriptCache.Precompile(path, Options);
        File.WriteAllBytes(ScriptCache.GetEntryPath(path, Options), new byte[CacheHeader.Size / 2]);
        _events.Take();

        var result = await LoadAndRun(path);

        AssertRanAndOneEventNames("read-header", "entry shorter than a header", result, "ran", [CacheEventKind.Stale]);
        _events.Take();
        Assert.That(await LoadAndRun(path), Is.EqualTo("ran"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }), "the entry was rewritten");
    }

    [Test]
    [Category("Reliability")]
    public async Task Load_ReadEntryFails_RunsAndOneEventNamesReadEntry()
    {
        var path = _temp.Write("a.csx", "\"ran\"");
        ScriptCache.Precompile(path, Options);
        _events.Take();

        var result = await WithFault("read-entry", () => LoadAndRun(path));

        AssertRanAndOneEventNames("read-entry", "injected I/O error", result, "ran", [CacheEventKind.Stale]);
        _events.Take();
        Assert.That(await LoadAndRun(path), Is.EqualTo("ran"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public void Load_CrashBetweenHeaderAndData_NextRunRecovers()
    {
        var path = _temp.Write("crash.csx", "\"survived\"");
        var entry = ScriptCache.GetEntryPath(path, Options);

        var tempFile = KillWhileWriting(path);

        Assert.That(File.Exists(tempFile), Is.True, "the dead writer's temp file stays behind");
        Assert.That(File.Exists(entry), Is.False, "nothing is ever written at the entry path itself");
        var next = TestHost.Run(_temp.CacheDirectory, path);
        Assert.That(next.ExitCode, Is.Zero, next.ToString());
        Assert.That(next.Lines("result:"), Is.EqualTo(new[] { "survived" }), next.ToString());
        Assert.That(next.Lines("event:"), Is.EqualTo(new[] { "miss" }), "the temp file is not an entry: " + next);
        var scan = CacheInventory.Scan(_temp.CacheDirectory).ToDictionary(e => e.EntryPath, e => e.Status);
        TestContext.Progress.WriteLine($"crash mid-write: SIGKILL after the header; next run: {next.Lines("event:").Single()}, "
            + $"output right; inventory: {string.Join(", ", scan.Values.Order())}");
        Assert.That(scan, Is.EquivalentTo(new Dictionary<string, CacheEntryStatus>
        {
            [entry] = CacheEntryStatus.Valid,
            [tempFile] = CacheEntryStatus.TempFile,
        }));
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public void Load_CrashWhileReplacingStaleEntry_OldEntryStaysWholeAndNextRunRunsNewCode()
    {
        var path = _temp.Write("crash.csx", "\"old\"");
        var entry = ScriptCache.GetEntryPath(path, Options);
        ScriptCache.Precompile(path, Options);
        var oldEntry = File.ReadAllBytes(entry);
        FileTimes.Rewrite(path, "\"new\"");

        var tempFile = KillWhileWriting(path);

        Assert.That(File.ReadAllBytes(entry), Is.EqualTo(oldEntry), "the old entry is untouched, not torn");
        Assert.That(CacheInventory.Inspect(_temp.CacheDirectory, tempFile).Status, Is.EqualTo(CacheEntryStatus.TempFile));
        var next = TestHost.Run(_temp.CacheDirectory, path);
        Assert.That(next.Lines("result:"), Is.EqualTo(new[] { "new" }), next.ToString());
        TestContext.Progress.WriteLine($"crash mid-rewrite of a stale entry: SIGKILL after the header; old entry byte-identical, "
            + $"next run: {string.Join(", ", next.Lines("event:"))}, output {string.Join(", ", next.Lines("result:"))}");
        Assert.That(next.Lines("event:"), Is.EqualTo(new[] { "stale source-content" }), next.ToString());
        Assert.That(CacheInventory.Inspect(_temp.CacheDirectory, entry).Status, Is.EqualTo(CacheEntryStatus.Valid));
    }

    private const UnixFileMode OpenDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Starts a host that pauses its entry write after the header, kills it there and returns its temp file.</summary>
    private string KillWhileWriting(string path)
    {
        using var host = TestHost.Launch("--crash-after-header", _temp.CacheDirectory, path);
        var tempFile = host.WaitForLine("paused:", HostTimeout);
        Assert.That(new FileInfo(tempFile).Length, Is.LessThan(new FileInfo(path).Length + 1000), "only the header is written so far");
        var killed = host.Kill();
        Assert.That(killed.ExitCode, Is.Not.Zero);
        return tempFile;
    }

    private static async Task<object?> WithFault(string step, Func<Task<object?>> action)
    {
        CacheFile.BeforeStep = (current, file) =>
        {
            if (current == step)
            {
                throw new IOException($"Injected {step} failure on '{file}'.");
            }
        };
        try
        {
            return await action();
        }
        finally
        {
            CacheFile.BeforeStep = null;
        }
    }

    private void AssertRanAndOneEventNames(string step, string fault, object? result, object expected, CacheEventKind[] kinds)
    {
        var events = _events.Events;
        TestContext.Progress.WriteLine(
            $"fault {step} ({fault}): output {(Equals(result, expected) ? "right" : "WRONG")}, events: {string.Join(", ", events.Select(e => e.Step is null ? e.Name : $"{e.Name} {e.Step}"))}");
        Assert.That(result, Is.EqualTo(expected));
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(kinds));
        Assert.That(events.Count(e => e.Step == step), Is.EqualTo(1), $"exactly one event names {step}");
    }

    private static void AssertChildRanAndOneEventNames(string step, string fault, ProcessResult run, string expected, string[] events)
    {
        var seen = run.Lines("event:");
        TestContext.Progress.WriteLine(
            $"fault {step} ({fault}): output {(run.Lines("result:").SequenceEqual([expected]) ? "right" : "WRONG")}, events: {string.Join(", ", seen)}");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Lines("result:"), Is.EqualTo(new[] { expected }), run.ToString());
        Assert.That(seen, Is.EqualTo(events), run.ToString());
        Assert.That(seen.Count(e => e.EndsWith(" " + step, StringComparison.Ordinal)), Is.EqualTo(1));
    }

    /// <summary>Writes until the file system says it is full.</summary>
    private static void FillDisk(string filler)
    {
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        var chunk = new byte[4096];
        for (var i = 0; i < 1 << 16; i++)
        {
            try
            {
                stream.Write(chunk);
            }
            catch (IOException)
            {
                return;
            }
        }

        Assert.Fail("the small file system never filled up");
    }

    private static void Chown(string path)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["-R", $"{TestHost.NobodyId}:{TestHost.NobodyId}", path]);
        chown.WaitForExit();
        Assert.That(chown.ExitCode, Is.Zero);
    }

    private static T IgnoreFor<T>(string why)
    {
        Assert.Ignore(why);
        return default!;
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    [UnsupportedOSPlatform("windows")]
    public void Load_WriteFailsOnFileSizeLimit_RunsAndOneEventNamesWrite()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/bin/bash"))
        {
            Assert.Ignore("Needs Linux and bash to set a file size limit.");
        }

        // RLIMIT_FSIZE of 4 KiB, below a compiled entry's size: the preallocation keeps the file's size, so the data
        // write fails with EFBIG, which FileStream reports as an ArgumentOutOfRangeException, not an IOException.
        var path = _temp.Write("a.csx", "\"ran\"");

        var run = TestHost.RunWithFileSizeLimit(4, _temp.CacheDirectory, path);

        AssertChildRanAndOneEventNames("write", "file size limit of 4 KiB (ulimit -f 4)", run, "ran", ["miss", "write-failed write"]);
        Assert.That(TempFilesIn(_temp.CacheDirectory), Is.Zero);
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public void Load_ReferencedDllTruncatedWhileLoaded_HostKeepsRunning()
    {
        // A build or copy that rewrites a referenced DLL in place truncates a file the running host still has mapped.
        var dll = _temp.Combine("lib", "Big.dll");
        var methods = string.Concat(Enumerable.Range(0, 2000).Select(i => $"public static string M{i}() => \"m{i}\"; "));
        AssemblyBuilder.Build(dll, "Big", $"public static class Big {{ public static string First() => \"first\"; {methods}public static string Second() => \"second\"; }}");
        var path = _temp.Write("main.csx", $"#r \"lib/Big.dll\"\nvar first = Big.First();\nFile.WriteAllBytes(@\"{dll}\", []);\nfirst + \",\" + Big.Second()");

        var run = TestHost.Run(_temp.CacheDirectory, path);

        TestContext.Progress.WriteLine($"referenced DLL truncated while loaded: exit {run.ExitCode}, results: {string.Join(", ", run.Lines("result:"))}");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Lines("result:"), Is.EqualTo(new[] { "first,second" }));
    }
}
