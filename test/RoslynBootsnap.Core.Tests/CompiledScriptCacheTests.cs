using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

public sealed class CompiledScriptCacheTests
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

    [Test]
    public async Task LoadAsync_ThenLoad_MissThenHit()
    {
        var path = _temp.Write("a.csx", "6 * 7");
        var cache = new CompiledScriptCache(Options);

        using (var first = await cache.LoadAsync(path))
        {
            Assert.That(await first.RunAsync(), Is.EqualTo(42));
        }

        using (var second = cache.Load(path))
        {
            Assert.That(await second.RunAsync(), Is.EqualTo(42));
        }

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    public async Task PrecompileAsync_ThenStaticLoad_SharesTheEntry()
    {
        var path = _temp.Write("a.csx", "\"shared\"");
        ICompiledScriptCache cache = new CompiledScriptCache(Options);

        Assert.That(await cache.PrecompileAsync(path), Is.True);
        Assert.That(cache.Precompile(path), Is.True);
        using var script = ScriptCache.Load(path, Options);

        Assert.That(await script.RunAsync(), Is.EqualTo("shared"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit, CacheEventKind.Hit }));
    }

    [Test]
    public void LoadAsync_CompileError_ThrowsScriptCompilationException()
    {
        var path = _temp.Write("broken.csx", "undefinedThing");
        var cache = new CompiledScriptCache(Options);

        Assert.That(async () => await cache.LoadAsync(path), Throws.InstanceOf<ScriptCompilationException>());
    }

    [Test]
    public void Load_EmptyPathOrNullOptions_ThrowsArgumentException()
    {
        Assert.That(() => new CompiledScriptCache(null!), Throws.ArgumentNullException);
        Assert.That(() => new CompiledScriptCache(Options).Load(""), Throws.ArgumentException);
        Assert.That(() => new CompiledScriptCache(Options).LoadAsync(""), Throws.ArgumentException);
    }

    [Test]
    public void LoadAsync_TokenCancelledWhenTheCompileStarts_ThrowsAndCachesNothing()
    {
        var path = _temp.Write("a.csx", "6 * 7");
        using var cancellation = new CancellationTokenSource();
        var cache = new CompiledScriptCache(Options with
        {
            OnEvent = e =>
            {
                _events.Add(e);
                if (e.Kind == CacheEventKind.Miss)
                {
                    cancellation.Cancel();
                }
            },
        });

        Assert.That(async () => await cache.LoadAsync(path, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(File.Exists(ScriptCache.GetEntryPath(path, Options)), Is.False);
        using var script = cache.Load(path);
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Miss }));
    }

    [Test]
    public async Task LoadAsync_TokenCancelledDuringLargeCompile_ThrowsOrCompletesAndCacheStaysConsistent()
    {
        var path = _temp.Write("large.csx", LargeScript(methods: 3000));
        using var cancellation = new CancellationTokenSource();
        Task? cancelling = null;
        var cache = new CompiledScriptCache(Options with
        {
            OnEvent = e =>
            {
                _events.Add(e);
                if (e.Kind == CacheEventKind.Miss && cancelling is null)
                {
                    // From another thread, so that the cancel lands while this one compiles.
                    cancelling = Task.Run(cancellation.Cancel);
                }
            },
        });

        var cancelled = false;
        try
        {
            using var first = await cache.LoadAsync(path, cancellation.Token);
            Assert.That(await first.RunAsync(), Is.EqualTo(2999));
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }

        await cancelling!;
        Assert.That(CacheFiles(), Has.None.Contain(CacheFile.TempMarker));
        Assert.That(File.Exists(ScriptCache.GetEntryPath(path, Options)), Is.EqualTo(!cancelled));
        using var again = cache.Load(path);
        Assert.That(await again.RunAsync(), Is.EqualTo(2999));
        Assert.That(_events.Kinds[^1], Is.EqualTo(cancelled ? CacheEventKind.Miss : CacheEventKind.Hit), $"cancelled: {cancelled}");
    }

    [Test]
    public void Load_WithLoggerFactory_LogsUnderTheLibraryCategory()
    {
        var path = _temp.Write("a.csx", "1");
        using var loggers = new ListLoggerFactory();
        var cache = new CompiledScriptCache(Options, loggers, meterFactory: null);

        cache.Load(path).Dispose();
        cache.Load(path).Dispose();

        Assert.That(loggers.Entries.Select(e => e.Category), Is.All.EqualTo("RoslynBootsnap"));
        Assert.That(loggers.Entries.Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Debug, LogLevel.Trace }));
        Assert.That(loggers.Entries[1].Message, Is.EqualTo($"hit {path}"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }), "the options' callback still runs");
    }

    [Test]
    public void Load_WithMeterFactory_ReportsThisCacheOnItsOwnMeter()
    {
        var path = _temp.Write("a.csx", "1");
        using var meters = new TestMeterFactory();
        var measurements = new List<(string Name, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => measurements.Add((i.Name, v)));
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => measurements.Add((i.Name, v)));
        listener.Start();

        var cache = new CompiledScriptCache(Options, loggerFactory: null, meters);
        cache.Load(path).Dispose();
        cache.Load(path).Dispose();
        cache.Load(path).Dispose();
        listener.RecordObservableInstruments();

        Assert.That(meters.Meters.Select(m => m.Name), Is.EqualTo(new[] { "RoslynBootsnap" }));
        var totals = measurements.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last().Value);
        Assert.That(totals["roslyn_bootsnap.cache.misses"], Is.EqualTo(1));
        Assert.That(totals["roslyn_bootsnap.cache.hits"], Is.EqualTo(2));
        Assert.That(totals["roslyn_bootsnap.cache.stale"], Is.Zero);
        Assert.That(measurements.Count(m => m.Name == "roslyn_bootsnap.compile.duration"), Is.EqualTo(1));
        Assert.That(measurements.Count(m => m.Name == "roslyn_bootsnap.load.duration"), Is.EqualTo(3));
    }

    /// <summary>A script with many methods, so that compiling it takes long enough for a cancel to land.</summary>
    private static string LargeScript(int methods)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < methods; i++)
        {
            builder.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"int M{i}(int x) {{ var s = \"{i}\"; return x + s.Length - s.Length + {i} - {i}; }}");
        }

        builder.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"M{methods - 1}({methods - 1})");
        return builder.ToString();
    }

    private string[] CacheFiles() =>
        Directory.Exists(_temp.CacheDirectory) ? Directory.GetFiles(_temp.CacheDirectory, "*", SearchOption.AllDirectories) : [];
}
