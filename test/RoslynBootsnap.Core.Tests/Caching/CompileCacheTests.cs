using System.IO.Hashing;
using System.Runtime.Versioning;
using System.Text;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Composition;
using RoslynBootsnap.Platform;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching;

public sealed partial class CompileCacheTests
{
    private TempDirectory _temp = null!;
    private EventLog _events = null!;
    private string _source = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _events = new EventLog();
        _source = _temp.Write("scripts/a.csx", "hello");
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private CompileCache<TestOutput> Cache(
        TestHandler? handler = null,
        uint schemaVersion = CacheHeader.CurrentVersion,
        CacheMode mode = CacheMode.ReadWrite,
        ValidationMode validation = ValidationMode.Full,
        OwnerTrust? trustedOwners = null) =>
        ScriptCacheBuilder.Compose(_temp.CacheDirectory, handler ?? new TestHandler(), new EngineSettings { OnEvent = _events.Add, Mode = mode, Validation = validation, SchemaVersion = schemaVersion, TrustedOwners = trustedOwners });

    private byte[] EntryBytes => File.ReadAllBytes(EntryPath);

    /// <summary>Rewrites the entry with a patched header, keeping every other byte.</summary>
    private void PatchHeader(Func<CacheHeader, CacheHeader> patch)
    {
        var bytes = EntryBytes;
        patch(CacheHeader.Read(bytes)).WriteTo(bytes);
        File.WriteAllBytes(EntryPath, bytes);
    }

    private string EntryPath => Cache().GetEntryPath(_source);

    [Test]
    public void Fetch_EmptyCache_MissThenHit()
    {
        var handler = new TestHandler();
        var first = Cache(handler).Fetch(_source);
        var second = Cache(handler).Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
        Assert.That(first, Is.EqualTo(new TestOutput("HELLO", FromStorage: true)));
        Assert.That(second, Is.EqualTo(new TestOutput("HELLO", FromStorage: true)));
        Assert.That(handler.InputToStorageCalls, Is.EqualTo(1));
        Assert.That(_events.Events.Select(e => e.Path), Is.All.EqualTo(_source));
    }

    [Test]
    public void Fetch_Miss_WritesHeaderDescribingSourceAndPayload()
    {
        Cache().Fetch(_source);

        var bytes = EntryBytes;
        var header = CacheHeader.Read(bytes);
        var data = bytes.AsSpan(CacheHeader.Size);
        Assert.That(EntryManifest.TryParse(data, out var manifest, out var manifestLength), Is.True);
        Assert.That(header.Version, Is.EqualTo(CacheHeader.CurrentVersion));
        Assert.That(header.CompileOptions, Is.EqualTo(7u));
        Assert.That(header.SourceSize, Is.EqualTo(5UL));
        Assert.That(header.SourceMtimeTicks, Is.EqualTo((ulong)File.GetLastWriteTimeUtc(_source).Ticks));
        Assert.That(header.DataSize, Is.EqualTo((ulong)(bytes.Length - CacheHeader.Size)));
        Assert.That(header.ContentDigest, Is.EqualTo(XxHash64.HashToUInt64("hello"u8)));
        Assert.That(header.PayloadChecksum, Is.EqualTo(XxHash64.HashToUInt64(data)));
        Assert.That(header.DependencyDigest, Is.EqualTo(XxHash64.HashToUInt64(data[..manifestLength])));
        Assert.That(manifest.SourcePath, Is.EqualTo(_source));
        Assert.That(manifest.Dependencies, Is.Empty);
        Assert.That(Encoding.UTF8.GetString(data[manifestLength..]), Is.EqualTo("HELLO"));
    }

    [Test]
    public void Fetch_SourceSizeChanged_StaleThenHit()
    {
        Cache().Fetch(_source);
        FileTimes.Rewrite(_source, "hello, world");
        _events.Take();

        var output = Cache().Fetch(_source);
        Cache().Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale, CacheEventKind.Hit }));
        Assert.That(output.Text, Is.EqualTo("HELLO, WORLD"));
    }

    [Test]
    public void Fetch_SourceEditedSameSizeNewMtime_StaleByContent()
    {
        Cache().Fetch(_source);
        FileTimes.Rewrite(_source, "jello");
        _events.Take();

        var output = Cache().Fetch(_source);

        Assert.That(_events.Events.Single().Kind, Is.EqualTo(CacheEventKind.Stale));
        Assert.That(_events.Events.Single().Step, Is.EqualTo("source-content"));
        Assert.That(output.Text, Is.EqualTo("JELLO"));
    }

    [Test]
    public void Fetch_SourceTouchedSameContent_RevalidatesThenHits()
    {
        var handler = new TestHandler();
        Cache(handler).Fetch(_source);
        FileTimes.Touch(_source);
        _events.Take();

        var output = Cache(handler).Fetch(_source);
        Cache(handler).Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Revalidated, CacheEventKind.Hit }));
        Assert.That(output, Is.EqualTo(new TestOutput("HELLO", FromStorage: true)));
        Assert.That(handler.InputToStorageCalls, Is.EqualTo(1));
        Assert.That(CacheHeader.Read(EntryBytes).SourceMtimeTicks, Is.EqualTo((ulong)File.GetLastWriteTimeUtc(_source).Ticks));
    }

    [Test]
    public void Fetch_SameSizeAndMtimeNewContent_FullValidationStale()
    {
        Cache().Fetch(_source);
        var mtime = File.GetLastWriteTimeUtc(_source);
        File.WriteAllText(_source, "jello");
        File.SetLastWriteTimeUtc(_source, mtime);
        _events.Take();

        var output = Cache().Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
        Assert.That(output.Text, Is.EqualTo("JELLO"));
    }

    [Test]
    public void Fetch_SameSizeAndMtimeNewContent_FastValidationTrustsTimestamps()
    {
        // The documented risk of ValidationMode.Fast, bootsnap's own false hit.
        Cache(validation: ValidationMode.Fast).Fetch(_source);
        var mtime = File.GetLastWriteTimeUtc(_source);
        File.WriteAllText(_source, "jello");
        File.SetLastWriteTimeUtc(_source, mtime);
        _events.Take();

        var output = Cache(validation: ValidationMode.Fast).Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
        Assert.That(output.Text, Is.EqualTo("HELLO"));
    }

    [Test]
    public void Fetch_FastValidationTouched_StillRevalidatesByContent()
    {
        Cache(validation: ValidationMode.Fast).Fetch(_source);
        FileTimes.Rewrite(_source, "jello");
        _events.Take();

        var output = Cache(validation: ValidationMode.Fast).Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
        Assert.That(output.Text, Is.EqualTo("JELLO"));
    }

    [Test]
    public void Fetch_TouchLoopTwentyTimes_AlternatesRevalidatedAndHitAndStaysLoadable()
    {
        Cache().Fetch(_source);
        _events.Take();

        for (var i = 0; i < 20; i++)
        {
            FileTimes.Touch(_source);
            var revalidated = Cache().Fetch(_source);
            var hit = Cache().Fetch(_source);

            Assert.That(_events.Take(), Is.EqualTo(new[] { CacheEventKind.Revalidated, CacheEventKind.Hit }), $"round {i}");
            Assert.That(revalidated.FromStorage && hit.FromStorage, Is.True);
            Assert.That(hit.Text, Is.EqualTo("HELLO"));
            var bytes = EntryBytes;
            Assert.That(CacheHeader.Read(bytes).DataSize, Is.EqualTo((ulong)(bytes.Length - CacheHeader.Size)));
        }
    }

    [Test]
    public void Fetch_DependencyEdited_Stale()
    {
        var dependency = _temp.Write("scripts/dep.csx", "one");
        var handler = new TestHandler { SourceDependencies = [dependency] };
        Cache(handler).Fetch(_source);
        FileTimes.Rewrite(dependency, "two");
        _events.Take();

        Cache(handler).Fetch(_source);

        Assert.That(_events.Events.Single().Step, Is.EqualTo("dependency"));
        Assert.That(handler.InputToStorageCalls, Is.EqualTo(2));
    }

    [Test]
    public void Fetch_DependencyEditedWithMtimeRestored_FullValidationStale()
    {
        var dependency = _temp.Write("scripts/dep.csx", "one");
        var handler = new TestHandler { SourceDependencies = [dependency] };
        Cache(handler).Fetch(_source);
        var mtime = File.GetLastWriteTimeUtc(dependency);
        File.WriteAllText(dependency, "two");
        File.SetLastWriteTimeUtc(dependency, mtime);
        _events.Take();

        Cache(handler).Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
    }

    [Test]
    public void Fetch_DependencyTouched_RevalidatesAndRecordsNewMtime()
    {
        var dependency = _temp.Write("scripts/dep.csx", "one");
        var handler = new TestHandler { SourceDependencies = [dependency] };
        Cache(handler).Fetch(_source);
        FileTimes.Touch(dependency);
        _events.Take();

        Cache(handler).Fetch(_source);
        Cache(handler).Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Revalidated, CacheEventKind.Hit }));
        EntryManifest.TryParse(EntryBytes.AsSpan(CacheHeader.Size), out var manifest, out _);
        Assert.That(manifest.Dependencies.Single().MtimeTicks, Is.EqualTo(File.GetLastWriteTimeUtc(dependency).Ticks));
    }

    [Test]
    public void Fetch_DependencyDeleted_Stale()
    {
        var dependency = _temp.Write("scripts/dep.csx", "one");
        var handler = new TestHandler { SourceDependencies = [dependency] };
        Cache(handler).Fetch(_source);
        File.Delete(dependency);
        _events.Take();

        Cache(new TestHandler()).Fetch(_source);

        Assert.That(_events.Events.Single().Step, Is.EqualTo("dependency"));
    }

    [Test]
    public void Fetch_DependencyDigestDoesNotMatchManifest_Stale()
    {
        Cache().Fetch(_source);
        PatchHeader(h => h with { DependencyDigest = h.DependencyDigest ^ 1 });
        _events.Take();

        Cache().Fetch(_source);

        Assert.That(_events.Events.Single().Step, Is.EqualTo("manifest"));
    }

    [Test]
    public void Fetch_EntryOfAnotherScriptAtThisPath_StaleBySourcePath()
    {
        // Two scripts with the same size and mtime: swapping their entry files must not serve the wrong one.
        var other = _temp.Write("scripts/b.csx", "world");
        File.SetLastWriteTimeUtc(other, File.GetLastWriteTimeUtc(_source));
        Cache().Fetch(other);
        Directory.CreateDirectory(Path.GetDirectoryName(EntryPath)!);
        File.Copy(Cache().GetEntryPath(other), EntryPath, overwrite: true);
        _events.Take();

        var output = Cache().Fetch(_source);

        Assert.That(_events.Events.Single().Step, Is.EqualTo("source-path"));
        Assert.That(output.Text, Is.EqualTo("HELLO"));
    }

    [Test]
    public void Fetch_ReadOnlyMiss_CompilesInMemoryAndWritesNothing()
    {
        var output = Cache(mode: CacheMode.ReadOnly).Fetch(_source);

        Assert.That(output, Is.EqualTo(new TestOutput("HELLO", FromStorage: false)));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss }));
        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
    }

    [Test]
    public void Fetch_ReadOnlyValidEntry_Served()
    {
        Cache().Fetch(_source);
        _events.Take();

        var output = Cache(mode: CacheMode.ReadOnly).Fetch(_source);

        Assert.That(output.FromStorage, Is.True);
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
    }

    [Test]
    public void Fetch_ReadOnlyTouched_ServedButEntryNotRewritten()
    {
        Cache().Fetch(_source);
        var before = EntryBytes;
        FileTimes.Touch(_source);
        _events.Take();

        var output = Cache(mode: CacheMode.ReadOnly).Fetch(_source);
        Cache(mode: CacheMode.ReadOnly).Fetch(_source);

        Assert.That(output.FromStorage, Is.True);
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Revalidated, CacheEventKind.Revalidated }));
        Assert.That(EntryBytes, Is.EqualTo(before));
    }

    [Test]
    public void Fetch_Disabled_NeverCreatesCacheDirAndRaisesNothing()
    {
        var handler = new TestHandler();

        var output = Cache(handler, mode: CacheMode.Disabled).Fetch(_source);

        Assert.That(output, Is.EqualTo(new TestOutput("HELLO", FromStorage: false)));
        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
        Assert.That(_events.Kinds, Is.Empty);
        Assert.That(handler.InputToStorageCalls, Is.Zero);
    }

    [Test]
    public void Precompile_Disabled_FalseAndNoCacheDir()
    {
        Assert.That(Cache(mode: CacheMode.Disabled).Precompile(_source), Is.False);
        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
    }

    [Test]
    public void Precompile_ReadOnlyMissing_FalseAndWritesNothing()
    {
        Assert.That(Cache(mode: CacheMode.ReadOnly).Precompile(_source), Is.False);
        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
    }

    [Test]
    public void Precompile_Touched_RevalidatesWithoutCompiling()
    {
        Cache().Precompile(_source);
        FileTimes.Touch(_source);
        var handler = new TestHandler();
        _events.Take();

        Assert.That(Cache(handler).Precompile(_source), Is.True);
        Assert.That(handler.InputToStorageCalls, Is.Zero);
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Revalidated }));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(CacheHeader.Size - 1)]
    [TestCase(CacheHeader.Size)]
    [TestCase(CacheHeader.Size + 2)]
    public void Fetch_TruncatedEntry_StaleAndOverwritten(int length)
    {
        Cache().Fetch(_source);
        using (var stream = File.OpenWrite(EntryPath))
        {
            stream.SetLength(length);
        }

        _events.Take();

        var output = Cache().Fetch(_source);
        Cache().Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale, CacheEventKind.Hit }));
        Assert.That(output.Text, Is.EqualTo("HELLO"));
    }

    [Test]
    public void Fetch_GarbageEntry_StaleAndOverwritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(EntryPath)!);
        File.WriteAllBytes(EntryPath, [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 31))]);

        var output = Cache().Fetch(_source);
        Cache().Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale, CacheEventKind.Hit }));
        Assert.That(output.Text, Is.EqualTo("HELLO"));
    }

    [Test]
    public void Fetch_HeaderClaimsHugeDataSize_StaleNotCrash()
    {
        Cache().Fetch(_source);
        PatchHeader(h => h with { DataSize = 100_000_000_000 });
        _events.Take();

        var output = Cache().Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
        Assert.That(output.Text, Is.EqualTo("HELLO"));
    }

    [Test]
    public void Fetch_EntryFileLargerThanLimit_StaleWithoutReadingIt()
    {
        Cache().Fetch(_source);
        using (var stream = File.OpenWrite(EntryPath))
        {
            // Sparse: no real gigabyte is written.
            stream.SetLength(CacheFile.MaxDataSize + CacheHeader.Size + 1);
        }

        _events.Take();

        var output = Cache().Fetch(_source);

        Assert.That(_events.Events.Single().Kind, Is.EqualTo(CacheEventKind.Stale));
        Assert.That(_events.Events.Single().Step, Is.EqualTo("data-size"));
        Assert.That(output.Text, Is.EqualTo("HELLO"));
        Assert.That(new FileInfo(EntryPath).Length, Is.LessThan(1000));
    }

    [Test]
    public void Fetch_PayloadByteFlipped_StaleByChecksum()
    {
        Cache().Fetch(_source);
        var bytes = EntryBytes;
        bytes[^1] ^= 0x20;
        File.WriteAllBytes(EntryPath, bytes);
        _events.Take();

        var output = Cache().Fetch(_source);

        Assert.That(_events.Events.Single().Step, Is.EqualTo("checksum"));
        Assert.That(output.Text, Is.EqualTo("HELLO"));
    }

    [Test]
    public void Fetch_SchemaVersionBumped_MissInItsOwnNamespace()
    {
        Cache().Fetch(_source);
        _events.Take();

        var bumped = Cache(schemaVersion: CacheHeader.CurrentVersion + 1);
        bumped.Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss }));
        Assert.That(Path.GetDirectoryName(Path.GetDirectoryName(bumped.GetEntryPath(_source))), Is.Not.EqualTo(Path.GetDirectoryName(Path.GetDirectoryName(EntryPath))));
    }

    [Test]
    public void Fetch_CompileOptionsChanged_EachKeepsItsOwnEntry()
    {
        var other = new TestHandler { CompileOptions = 8 };
        // Two hosts with different options take turns on one script: neither evicts the other.
        Cache().Fetch(_source);
        Cache(other).Fetch(_source);
        Cache().Fetch(_source);
        Cache(other).Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Miss, CacheEventKind.Hit, CacheEventKind.Hit }));
    }

    [Test]
    public void Fetch_EntryOfAnotherCompiler_StaleCompilerThenHitsItsOwn()
    {
        Cache().Fetch(_source);
        _events.Take();
        var other = new TestHandler { CompilerIdentity = 0xc0de };

        var output = Cache(other).Fetch(_source);
        Cache(other).Fetch(_source);

        Assert.That(output.Text, Is.EqualTo("HELLO"));
        Assert.That(other.InputToStorageCalls, Is.EqualTo(1), "compiled again, once");
        Assert.That(_events.Events.Select(e => (e.Kind, e.Step)), Is.EqualTo(new (CacheEventKind, string?)[]
        {
            (CacheEventKind.Stale, CacheSteps.Compiler),
            (CacheEventKind.Hit, null),
        }));
    }

    [Test]
    public void Fetch_EntryOfAnotherCompilerInHostWithNone_Served()
    {
        Cache().Fetch(_source);
        _events.Take();
        var coreOnly = new TestHandler { CompilerIdentity = 0 };

        var output = Cache(coreOnly).Fetch(_source);

        Assert.That(output, Is.EqualTo(new TestOutput("HELLO", FromStorage: true)));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
        Assert.That(coreOnly.InputToStorageCalls, Is.Zero);
    }

    [Test]
    public void Fetch_EntryWithAnotherEnvironmentInThisNamespace_StaleEnvironment()
    {
        Cache().Fetch(_source);
        PatchHeader(h => h with { CompileOptions = h.CompileOptions + 1 });
        _events.Take();

        Cache().Fetch(_source);

        Assert.That(_events.Events.Single().Step, Is.EqualTo("environment"));
    }

    [Test]
    public void Fetch_InputToStorageUncompilable_FallsBackAndCachesNothing()
    {
        var handler = new TestHandler { InputToStorageUncompilable = true };

        var output = Cache(handler).Fetch(_source);

        Assert.That(output, Is.EqualTo(new TestOutput("HELLO", FromStorage: false)));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Uncompilable }));
        Assert.That(File.Exists(EntryPath), Is.False);
        Assert.That(handler.StorageToOutputCalls, Is.Zero);
    }

    [Test]
    public void Fetch_StorageToOutputUncompilableOnHit_FallsBackAndKeepsEntry()
    {
        Cache().Fetch(_source);
        _events.Take();
        var handler = new TestHandler { StorageToOutputUncompilable = true };

        var output = Cache(handler).Fetch(_source);

        Assert.That(output.FromStorage, Is.False);
        Assert.That(handler.InputToOutputCalls, Is.EqualTo(1));
        Assert.That(handler.InputToStorageCalls, Is.Zero);
        Assert.That(File.Exists(EntryPath), Is.True);
    }

    [Test]
    public void Fetch_StorageToOutputNoneAfterWrite_DeletesEntryAndFallsBack()
    {
        var handler = new TestHandler { StorageToOutputNone = true };

        var output = Cache(handler).Fetch(_source);

        Assert.That(output, Is.EqualTo(new TestOutput("HELLO", FromStorage: false)));
        Assert.That(handler.InputToOutputCalls, Is.EqualTo(1));
        Assert.That(File.Exists(EntryPath), Is.False);
    }

    [Test]
    public void Fetch_StorageToOutputNoneOnValidEntry_RecompilesAsStale()
    {
        Cache().Fetch(_source);
        _events.Take();
        var handler = new TestHandler { StorageToOutputNone = true };

        Cache(handler).Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale }));
        Assert.That(handler.InputToStorageCalls, Is.EqualTo(1));
    }

    [Test]
    public void Fetch_CacheDirIsAFile_WriteFailedButOutputReturned()
    {
        File.WriteAllText(_temp.CacheDirectory, "in the way");

        var output = Cache().Fetch(_source);

        Assert.That(output.Text, Is.EqualTo("HELLO"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.WriteFailed }));
        Assert.That(_events.Events[1].Step, Is.Not.Null.And.Not.Empty);
        Assert.That(_events.Events[1].Exception, Is.Not.Null);
    }

    [Test]
    public void Fetch_MissingSource_ThrowsTypedErrorNamingPathAndStep()
    {
        var missing = _temp.Combine("scripts", "missing.csx");

        var error = Assert.Throws<ScriptSourceException>(() => Cache().Fetch(missing));

        Assert.That(error!.Path, Is.EqualTo(missing));
        Assert.That(error.Step, Is.EqualTo("open-source"));
        Assert.That(error.Message, Does.Contain(missing).And.Contain("does not exist"));
        Assert.That(_events.Kinds, Is.Empty);
    }

    [Test]
    public void Fetch_SourceIsADirectory_ThrowsTypedError()
    {
        var directory = _temp.Combine("scripts");

        var error = Assert.Throws<ScriptSourceException>(() => Cache().Fetch(directory));

        Assert.That(error!.Message, Does.Contain("directory"));
    }

    [Test]
    public void Fetch_RelativePath_KeyedByFullPath()
    {
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _temp.Combine("scripts");
            Cache().Fetch("a.csx");
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        Assert.That(File.Exists(EntryPath), Is.True);
        Assert.That(_events.Events.Single().Path, Is.EqualTo(_source));
    }

    [Test]
    public void Precompile_Missing_WritesEntryWithoutLoading()
    {
        var handler = new TestHandler();

        var result = Cache(handler).Precompile(_source);

        Assert.That(result, Is.True);
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss }));
        Assert.That(File.Exists(EntryPath), Is.True);
        Assert.That(handler.StorageToOutputCalls, Is.Zero);
    }

    [Test]
    public void Precompile_ValidEntry_TrueWithoutCompiling()
    {
        Cache().Precompile(_source);
        var handler = new TestHandler();

        var result = Cache(handler).Precompile(_source);

        Assert.That(result, Is.True);
        Assert.That(handler.InputToStorageCalls, Is.Zero);
    }

    [Test]
    public void Precompile_Uncompilable_False()
    {
        var result = Cache(new TestHandler { InputToStorageUncompilable = true }).Precompile(_source);

        Assert.That(result, Is.False);
        Assert.That(File.Exists(EntryPath), Is.False);
    }

    [Test]
    public void Precompile_WriteFails_False()
    {
        File.WriteAllText(_temp.CacheDirectory, "in the way");

        Assert.That(Cache().Precompile(_source), Is.False);
    }

    [Test]
    public void Fetch_Hit_RecordsLastAccessForLeastRecentlyUsedCleaning()
    {
        Cache().Fetch(_source);
        var longAgo = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastAccessTimeUtc(EntryPath, longAgo);
        var mtime = File.GetLastWriteTimeUtc(EntryPath);

        Cache().Fetch(_source);

        Assert.That(File.GetLastAccessTimeUtc(EntryPath), Is.GreaterThan(longAgo.AddYears(1)));
        Assert.That(File.GetLastWriteTimeUtc(EntryPath), Is.EqualTo(mtime));
    }

    [Test]
    public void Fetch_HitOnEntryUsedWithinTheHour_LeavesAccessTimeAlone()
    {
        Cache().Fetch(_source);

        // An access time a little ahead of the clock: later than the change time that setting it gives the file,
        // so the kernel's relatime leaves it alone on read and only the cache could move it.
        var recent = DateTime.UtcNow.AddMinutes(10);
        File.SetLastAccessTimeUtc(EntryPath, recent);

        Cache().Fetch(_source);

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
        Assert.That(File.GetLastAccessTimeUtc(EntryPath), Is.EqualTo(recent));
    }

    [Test]
    public void Fetch_SixteenThreadsSamePath_CompileOnceAndAllGetOutput()
    {
        var handler = new TestHandler();
        using var start = new Barrier(16);

        var outputs = Enumerable.Range(0, 16)
            .Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return Cache(handler).Fetch(_source);
                },
                TaskCreationOptions.LongRunning))
            .ToArray();
        Task.WaitAll(outputs);

        Assert.That(handler.InputToStorageCalls, Is.EqualTo(1));
        Assert.That(outputs.Select(t => t.Result.Text), Is.All.EqualTo("HELLO"));
        Assert.That(_events.Kinds.Count(k => k == CacheEventKind.Miss), Is.EqualTo(1));
        Assert.That(_events.Kinds.Count(k => k == CacheEventKind.Hit), Is.EqualTo(15));
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void Fetch_ShardWritableByOthers_NotLoadedAndNothingWritten()
    {
        Cache().Fetch(_source);
        var shard = Path.GetDirectoryName(EntryPath)!;
        File.SetUnixFileMode(shard, File.GetUnixFileMode(shard) | UnixFileMode.OtherWrite);
        var before = EntryBytes;
        var handler = new TestHandler();
        _events.Take();

        var output = Cache(handler).Fetch(_source);

        Assert.That(output.FromStorage, Is.False);
        Assert.That(handler.InputToStorageCalls, Is.Zero);
        Assert.That(_events.Events.Single().Step, Is.EqualTo("untrusted-mode"));
        Assert.That(EntryBytes, Is.EqualTo(before));
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void Fetch_EntryWritableByGroup_NotLoadedThenRewrittenAsOurs()
    {
        Cache().Fetch(_source);
        File.SetUnixFileMode(EntryPath, File.GetUnixFileMode(EntryPath) | UnixFileMode.GroupWrite);
        _events.Take();

        var output = Cache().Fetch(_source);
        Cache().Fetch(_source);

        Assert.That(output.Text, Is.EqualTo("HELLO"));
        Assert.That(_events.Events[0].Step, Is.EqualTo("untrusted-mode"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Stale, CacheEventKind.Hit }));
        Assert.That(File.GetUnixFileMode(EntryPath) & UnixFileMode.GroupWrite, Is.EqualTo(UnixFileMode.None));
    }

    [Test]
    public void Fetch_SymlinkedEntry_NotFollowedAndReplaced()
    {
        Cache().Fetch(_source);
        var planted = _temp.Combine("planted");
        File.Move(EntryPath, planted);
        File.CreateSymbolicLink(EntryPath, planted);
        _events.Take();

        Cache().Fetch(_source);

        Assert.That(_events.Events.Single().Step, Is.EqualTo("untrusted-link"));
        Assert.That(new FileInfo(EntryPath).LinkTarget, Is.Null, "the link is replaced by a real entry");
    }

    [Test]
    public void Fetch_SymlinkedShard_NotFollowed()
    {
        Cache().Fetch(_source);
        var shard = Path.GetDirectoryName(EntryPath)!;
        var elsewhere = _temp.Combine("elsewhere");
        Directory.Move(shard, elsewhere);
        Directory.CreateSymbolicLink(shard, elsewhere);
        var handler = new TestHandler();
        _events.Take();

        var output = Cache(handler).Fetch(_source);

        Assert.That(output.FromStorage, Is.False);
        Assert.That(_events.Events.Single().Step, Is.EqualTo("untrusted-link"));
    }

    [Test]
    [Category("Process")]
    public void Fetch_EntryOwnedByAnotherUser_NotLoaded()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root to give a file to another user.");
        }

        Cache().Fetch(_source);
        using (var chown = System.Diagnostics.Process.Start("chown", [$"{TestHost.NobodyId}:{TestHost.NobodyId}", EntryPath]))
        {
            chown.WaitForExit();
            Assert.That(chown.ExitCode, Is.Zero);
        }

        _events.Take();

        Cache().Fetch(_source);

        Assert.That(_events.Events.Single().Step, Is.EqualTo("untrusted-owner"));
        Assert.That(_events.Events.Single().Exception!.Message, Does.Contain("owned by user 65534"));
    }

    [Test]
    [Category("Process")]
    public void Fetch_EntryOwnedByTrustedOwner_Hit()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root to give a file to another user.");
        }

        Cache().Fetch(_source);
        using (var chown = System.Diagnostics.Process.Start("chown", [$"{TestHost.NobodyId}:{TestHost.NobodyId}", EntryPath]))
        {
            chown.WaitForExit();
            Assert.That(chown.ExitCode, Is.Zero);
        }

        _events.Take();

        var output = Cache(trustedOwners: OwnerTrust.From([TestHost.NobodyId])).Fetch(_source);

        Assert.That(output.FromStorage, Is.True);
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
    }
}
