using RoslynBootsnap.Caching.Remote;

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

        var first = Assert.Throws<RemoteStoreException>(() => store.Get("k"));
        var second = Assert.Throws<RemoteStoreException>(() => store.Get("k"));

        Assert.That(first!.Step, Is.EqualTo(CacheSteps.RemoteConnect));
        Assert.That(second!.Step, Is.EqualTo(CacheSteps.RemoteUnavailable));
    }
}
