using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching;

public sealed class CachePathTests
{
    [Test]
    public void GetEntryPath_FoobarHash_TopByteShardsLowBitsName()
    {
        // FNV-1a-64("foobar") = 0x85944171f73967e8.
        var path = CachePath.GetEntryPath("/cache", "foobar");

        Assert.That(path, Is.EqualTo("/cache/85/944171f73967e8"));
    }

    [Test]
    public void GetEntryPath_SmallHash_ZeroPadsBothParts()
    {
        // FNV-1a-64("") = 0xcbf29ce484222325; the name keeps 14 digits even with leading zeros elsewhere.
        var path = CachePath.GetEntryPath("/c", string.Empty);

        Assert.That(path, Is.EqualTo("/c/cb/f29ce484222325"));
    }

    [Test]
    public void GetEntryPath_NonAsciiPath_HashesUtf8Bytes()
    {
        var expected = Fnv1a64.Hash(System.Text.Encoding.UTF8.GetBytes("/scripts/héllo.csx"));

        Assert.That(CachePath.HashPath("/scripts/héllo.csx"), Is.EqualTo(expected));
    }

    [Test]
    public void NormalizeCacheDirectory_TooLong_ThrowsBeforeAnyIO()
    {
        using var temp = new TempDirectory();
        var tooLong = temp.Combine(new string('d', CachePath.MaxCacheDirectoryLength));

        Assert.That(() => CachePath.NormalizeCacheDirectory(tooLong), Throws.ArgumentException.With.Message.Contains("at most"));
        Assert.That(Directory.EnumerateFileSystemEntries(temp.Path), Is.Empty);
    }

    [Test]
    public void NormalizeCacheDirectory_RelativeWithTrailingSlash_FullWithoutSlash()
    {
        var normalized = CachePath.NormalizeCacheDirectory("some/dir/");

        Assert.That(normalized, Is.EqualTo(Path.Combine(Environment.CurrentDirectory, "some", "dir")));
    }
}
