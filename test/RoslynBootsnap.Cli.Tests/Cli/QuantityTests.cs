using RoslynBootsnap.Cli;

namespace RoslynBootsnap.Tests.Cli;

public sealed class QuantityTests
{
    [TestCase("0", 0L)]
    [TestCase("1048576", 1048576L)]
    [TestCase("500MB", 500_000_000L)]
    [TestCase("500mb", 500_000_000L)]
    [TestCase("2GiB", 2L << 30)]
    [TestCase("1.5K", 1536L)]
    [TestCase("10 KiB", 10240L)]
    public void TryParseSize_Valid_Bytes(string text, long expected)
    {
        Assert.That(Quantity.TryParseSize(text, out var bytes), Is.True);
        Assert.That(bytes, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("MB")]
    [TestCase("12XB")]
    [TestCase("-5MB")]
    public void TryParseSize_Invalid_False(string text) => Assert.That(Quantity.TryParseSize(text, out _), Is.False);

    [TestCase("30d", 30 * 24)]
    [TestCase("12h", 12)]
    [TestCase("2w", 14 * 24)]
    public void TryParseAge_Valid_Hours(string text, int hours)
    {
        Assert.That(Quantity.TryParseAge(text, out var age), Is.True);
        Assert.That(age, Is.EqualTo(TimeSpan.FromHours(hours)));
    }

    [TestCase("30")]
    [TestCase("1.5d")]
    [TestCase("d")]
    [TestCase("3y")]
    public void TryParseAge_Invalid_False(string text) => Assert.That(Quantity.TryParseAge(text, out _), Is.False);
}
