using System.Text;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Caching.Remote;

namespace RoslynBootsnap.Tests.Caching.Remote;

public sealed class SignedValueTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("0123456789abcdef0123");
    private static readonly byte[] Entry = [.. Enumerable.Range(0, CacheHeader.Size + 100).Select(i => (byte)i)];

    [Test]
    public void Open_SealedWithSameKeyAndName_GivesTheEntry()
    {
        var value = SignedValue.Seal(Key, "k", Entry);

        Assert.That(SignedValue.Open(Key, "k", value, 1 << 20, out var entry), Is.Null);
        Assert.That(entry.ToArray(), Is.EqualTo(Entry));
    }

    [Test]
    public void Open_ValueMovedToAnotherKey_Refused() =>
        Assert.That(SignedValue.Open(Key, "other", SignedValue.Seal(Key, "k", Entry), 1 << 20, out _), Is.EqualTo(CacheSteps.RemoteSignature));

    [Test]
    public void Open_AnotherSigningKey_Refused() =>
        Assert.That(SignedValue.Open(Encoding.UTF8.GetBytes("another key, long enough"), "k", SignedValue.Seal(Key, "k", Entry), 1 << 20, out _), Is.EqualTo(CacheSteps.RemoteSignature));

    [Test]
    public void Open_TruncatedOrEmpty_Refused()
    {
        var value = SignedValue.Seal(Key, "k", Entry);

        Assert.That(SignedValue.Open(Key, "k", value[..^1], 1 << 20, out _), Is.EqualTo(CacheSteps.RemoteSignature));
        Assert.That(SignedValue.Open(Key, "k", value[..10], 1 << 20, out _), Is.EqualTo(CacheSteps.RemoteSignature));
        Assert.That(SignedValue.Open(Key, "k", [], 1 << 20, out _), Is.EqualTo(CacheSteps.RemoteSignature));
    }

    [Test]
    public void Open_LargerThanTheBound_RefusedAsOversized() =>
        Assert.That(SignedValue.Open(Key, "k", SignedValue.Seal(Key, "k", Entry), Entry.Length - 1, out _), Is.EqualTo(CacheSteps.RemoteSize));

    [Test]
    public void Open_OneBitFlipped_Refused()
    {
        var value = SignedValue.Seal(Key, "k", Entry);
        value[^1] ^= 1;

        Assert.That(SignedValue.Open(Key, "k", value, 1 << 20, out _), Is.EqualTo(CacheSteps.RemoteSignature));
    }
}
