using RoslynBootsnap.Caching.Remote;

namespace RoslynBootsnap.Tests.Caching.Remote;

public sealed class RemoteOptionsTests
{
    [Test]
    public void Split_LockWait_TakenOutForTheClient()
    {
        var client = RemoteOptions.Split("redis://h:1,password=x,lockWait=2500,syncTimeout=9", out var lockWait);

        Assert.That(client, Is.EqualTo("redis://h:1,password=x,syncTimeout=9"));
        Assert.That(lockWait, Is.EqualTo(TimeSpan.FromMilliseconds(2500)));
    }

    [Test]
    public void Split_NoOwnOptions_Unchanged()
    {
        Assert.That(RemoteOptions.Split("redis://h:1", out var lockWait), Is.EqualTo("redis://h:1"));
        Assert.That(lockWait, Is.Null);
    }
}
