using Microsoft.Extensions.Time.Testing;
using RoslynBootsnap.Caching.Remote;
using RoslynBootsnap.Tests.Support;
using StackExchange.Redis;

namespace RoslynBootsnap.Tests.Caching.Remote;

public sealed class RedisRemoteStoreTests
{
    [Test]
    public void Parse_RedisUrl_BoundedDefaults()
    {
        var configuration = RedisRemoteStore.Parse("redis://127.0.0.1:6390");

        Assert.That(configuration.EndPoints.Single().ToString(), Does.EndWith(":6390"));
        Assert.That(configuration.ConnectTimeout, Is.EqualTo(1000));
        Assert.That(configuration.SyncTimeout, Is.EqualTo(500));
        Assert.That(configuration.AbortOnConnectFail, Is.True);
    }

    [Test]
    public void Parse_TimeoutsInTheString_Kept()
    {
        var configuration = RedisRemoteStore.Parse("redis://127.0.0.1:6390,connectTimeout=1000,syncTimeout=2000");

        Assert.That(configuration.ConnectTimeout, Is.EqualTo(1000));
        Assert.That(configuration.SyncTimeout, Is.EqualTo(2000));
    }

    [Test]
    public void Get_NothingListening_ConnectFailsThenUnavailable()
    {
        var store = RedisRemoteStore.For("redis://127.0.0.1:2");

        var first = Assert.Throws<RemoteStoreException>(() => store.Get("k", 1024));
        var second = Assert.Throws<RemoteStoreException>(() => store.Get("k", 1024));

        Assert.That(first!.Step, Is.EqualTo(CacheSteps.RemoteConnect));
        Assert.That(second!.Step, Is.EqualTo(CacheSteps.RemoteUnavailable));
    }

    [Test]
    public void Get_UnavailableWindowPassed_TriesToConnectAgain()
    {
        var time = new FakeTimeProvider();
        var store = RedisRemoteStore.Create("redis://127.0.0.1:2", time);
        Assert.Throws<RemoteStoreException>(() => store.Get("k", 1024));

        time.Advance(RedisRemoteStore.BreakDuration - TimeSpan.FromMilliseconds(1));
        var within = Assert.Throws<RemoteStoreException>(() => store.Get("k", 1024));
        time.Advance(TimeSpan.FromMilliseconds(1));
        var after = Assert.Throws<RemoteStoreException>(() => store.Get("k", 1024));

        Assert.That(within!.Step, Is.EqualTo(CacheSteps.RemoteUnavailable));
        Assert.That(after!.Step, Is.EqualTo(CacheSteps.RemoteConnect));
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public void Get_ValueLargerThanBound_RefusedBySizeWithoutReadingIt()
    {
        using var redis = RedisServer.Start();
        // 5 MiB made by the server itself (SETRANGE pads with zeros), so the test never holds it; small enough that
        // reading it whole fits the client's timeout on a busy machine, large enough that a read of it would show.
        const int Size = (5 << 20) + 1;
        Assert.That(redis.Command("SETRANGE", "big", (Size - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "x"), Is.EqualTo($":{Size}"));
        var store = RedisRemoteStore.For(redis.Url);
        var sentBefore = SentBytes(redis);

        var error = Assert.Throws<RemoteStoreException>(() => store.Get("big", 4L << 20));
        var sent = SentBytes(redis) - sentBefore;

        Assert.That(error!.Step, Is.EqualTo(CacheSteps.RemoteSize));
        Assert.That(error.Message, Does.Contain($"{Size} bytes").And.Contain("not read"));
        Assert.That(sent, Is.LessThan(1 << 20), "the server sent the value's bytes");
        Assert.That(store.Get("big", 8L << 20), Has.Length.EqualTo(Size), "within the bound it is read whole");
        Assert.That(store.Get("missing", 1024), Is.Null);
    }

    [Test]
    [Category("Process")]
    public void ReadStatistics_ManyKeys_CountsEveryEntryAndItsBytesNotLocks()
    {
        using var redis = RedisServer.Start();
        const int Entries = 20_000;
        using (var connection = ConnectionMultiplexer.Connect($"127.0.0.1:{redis.Port}"))
        {
            var batch = connection.GetDatabase().CreateBatch();
            var sets = Enumerable.Range(0, Entries)
                .Select(i => batch.StringSetAsync($"{RemoteKey.Prefix}{i:x8}", new byte[1 + (i % 100)]))
                .Concat(Enumerable.Range(0, 50).Select(i => batch.StringSetAsync($"{RemoteKey.Prefix}{i:x8}{RemoteKey.LockSuffix}", "1")))
                .Append(batch.StringSetAsync("someone-else:key", "not ours"))
                .ToArray();
            batch.Execute();
            Task.WaitAll(sets);
        }

        var reported = new List<long>();
        var (entries, bytes, _, _) = RedisRemoteStore.For(redis.Url).ReadStatistics(reported.Add);

        var expectedBytes = Enumerable.Range(0, Entries).Sum(i => 1L + (i % 100));
        Assert.That(entries, Is.EqualTo(Entries));
        Assert.That(bytes, Is.EqualTo(expectedBytes));
        Assert.That(reported, Is.Ordered.And.Not.Empty);
        Assert.That(reported[^1], Is.EqualTo(Entries));
    }

    /// <summary>What the server has written to its clients so far (INFO stats, total_net_output_bytes).</summary>
    private static long SentBytes(RedisServer redis)
    {
        using var connection = ConnectionMultiplexer.Connect($"127.0.0.1:{redis.Port},allowAdmin=true");
        var info = connection.GetServer("127.0.0.1", redis.Port).Info("stats");
        return long.Parse(info.SelectMany(g => g).Single(p => p.Key == "total_net_output_bytes").Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
