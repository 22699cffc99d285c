using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching;

/// <summary>Cancelled fetches: they throw, write nothing and leave the entry for the next caller.</summary>
public sealed partial class CompileCacheTests
{
    [Test]
    public void FetchAsync_TokenCancelledBeforeCall_ThrowsAndTouchesNothing()
    {
        var handler = new TestHandler();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(async () => await Cache(handler).FetchAsync(_source, cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(() => Cache(handler).Fetch(_source, cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(() => Cache(handler).Precompile(_source, cancelled.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(handler.InputToStorageCalls, Is.Zero);
        Assert.That(_events.Kinds, Is.Empty);
        Assert.That(File.Exists(EntryPath), Is.False);
    }

    [Test]
    public async Task FetchAsync_CancelledWhileAnotherCallerCompiles_WaiterThrowsAndHolderWritesEntry()
    {
        using var compiling = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var handler = new TestHandler
        {
            Compiling = _ =>
            {
                compiling.Set();
                release.Wait();
            },
        };
        var holder = Task.Run(() => Cache(handler).Fetch(_source));
        compiling.Wait();

        using var cancellation = new CancellationTokenSource();
        var waiter = Cache(handler).FetchAsync(_source, cancellation.Token).AsTask();
        var waitingBeforeCancel = !waiter.IsCompleted;
        cancellation.Cancel();

        // The waiter gives up while the holder is still inside its compile.
        Assert.That(async () => await waiter, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(waitingBeforeCancel, Is.True, "the waiter must have been waiting for the holder's compile");
        Assert.That(holder.IsCompleted, Is.False);
        release.Set();
        var held = await holder;

        Assert.That(held, Is.EqualTo(new TestOutput("HELLO", FromStorage: true)));
        Assert.That(Cache(handler).Fetch(_source), Is.EqualTo(new TestOutput("HELLO", FromStorage: true)));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
        Assert.That(handler.InputToStorageCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task PrecompileAsync_CancelledWhileAnotherCallerCompiles_WaiterThrowsAndHolderWritesEntry()
    {
        using var compiling = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var handler = new TestHandler
        {
            Compiling = _ =>
            {
                compiling.Set();
                release.Wait();
            },
        };
        var holder = Task.Run(() => Cache(handler).Fetch(_source));
        compiling.Wait();

        using var cancellation = new CancellationTokenSource();
        var waiter = Cache(handler).PrecompileAsync(_source, cancellation.Token).AsTask();
        var waitingBeforeCancel = !waiter.IsCompleted;
        cancellation.Cancel();

        Assert.That(async () => await waiter, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(waitingBeforeCancel, Is.True);
        release.Set();
        await holder;
        Assert.That(await Cache(handler).PrecompileAsync(_source), Is.True);
        Assert.That(handler.InputToStorageCalls, Is.EqualTo(1));
    }

    [Test]
    public void Fetch_CancelledDuringCompile_ThrowsAndLeavesNoEntryNorTempFile()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new TestHandler { Compiling = _ => cancellation.Cancel() };

        Assert.That(() => Cache(handler).Fetch(_source, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(File.Exists(EntryPath), Is.False);
        Assert.That(CacheFiles(), Has.None.Contain(CacheFile.TempMarker));
        var next = Cache(new TestHandler()).Fetch(_source);
        Assert.That(next, Is.EqualTo(new TestOutput("HELLO", FromStorage: true)));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Miss }));
    }

    [Test]
    public void Fetch_StaleEntryCancelledDuringRecompile_KeepsTheOldEntryUntilARecompileSucceeds()
    {
        Cache().Fetch(_source);
        var before = EntryBytes;
        FileTimes.Rewrite(_source, "hello, again");
        using var cancellation = new CancellationTokenSource();
        var handler = new TestHandler { Compiling = _ => cancellation.Cancel() };

        Assert.That(() => Cache(handler).Fetch(_source, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(EntryBytes, Is.EqualTo(before));
        Assert.That(Cache().Fetch(_source), Is.EqualTo(new TestOutput("HELLO, AGAIN", FromStorage: true)));
    }

    private string[] CacheFiles() =>
        Directory.Exists(_temp.CacheDirectory) ? Directory.GetFiles(_temp.CacheDirectory, "*", SearchOption.AllDirectories) : [];
}
