using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Tests.Caching;

public sealed class CacheHeaderTests
{
    private static readonly CacheHeader Sample = new(
        Version: 0x01020304,
        Platform: 0x11121314,
        CompileOptions: 0x21222324,
        RuntimeRevision: 0x31323334,
        SourceSize: 0x4142434445464748,
        SourceMtimeTicks: 0x5152535455565758,
        DataSize: 0x6162636465666768,
        ContentDigest: 0x7172737475767778,
        PayloadChecksum: 0x8182838485868788,
        DependencyDigest: 0x9192939495969798);

    [Test]
    public void WriteTo_GoldenLayout_LittleEndianFieldsAtFixedOffsets()
    {
        var bytes = new byte[CacheHeader.Size];
        Sample.WriteTo(bytes);

        Assert.That(Convert.ToHexString(bytes), Is.EqualTo(
            "04030201" + "14131211" + "24232221" + "34333231" +
            "4847464544434241" + "5857565554535251" + "6867666564636261" +
            "7877767574737271" + "8887868584838281" + "9897969594939291"));
    }

    [Test]
    public void Size_IsSixtyFourBytes() => Assert.That(CacheHeader.Size, Is.EqualTo(64));

    [Test]
    public void Read_WrittenBytes_RoundTrips()
    {
        var bytes = new byte[CacheHeader.Size];
        Sample.WriteTo(bytes);

        Assert.That(CacheHeader.Read(bytes), Is.EqualTo(Sample));
    }

    [Test]
    public void Read_ShortBuffer_Throws() =>
        Assert.That(() => CacheHeader.Read(new byte[CacheHeader.Size - 1]), Throws.ArgumentException);

    [Test]
    public void EnvironmentEquals_DifferentSourceAndPayloadFields_StillEqual()
    {
        var other = Sample with { SourceSize = 0, SourceMtimeTicks = 0, DataSize = 1, ContentDigest = 2, PayloadChecksum = 3, DependencyDigest = 4 };

        Assert.That(Sample.EnvironmentEquals(other), Is.True);
    }

    [TestCase(nameof(CacheHeader.Version))]
    [TestCase(nameof(CacheHeader.Platform))]
    [TestCase(nameof(CacheHeader.CompileOptions))]
    [TestCase(nameof(CacheHeader.RuntimeRevision))]
    public void EnvironmentEquals_OneEnvironmentFieldDiffers_NotEqual(string field)
    {
        var other = field switch
        {
            nameof(CacheHeader.Version) => Sample with { Version = Sample.Version + 1 },
            nameof(CacheHeader.Platform) => Sample with { Platform = Sample.Platform + 1 },
            nameof(CacheHeader.CompileOptions) => Sample with { CompileOptions = Sample.CompileOptions + 1 },
            _ => Sample with { RuntimeRevision = Sample.RuntimeRevision + 1 },
        };

        Assert.That(Sample.EnvironmentEquals(other), Is.False);
    }
}
