using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching;

[Platform(Include = "Linux")]
public sealed class AbandonedTempFilesTests
{
    private static readonly CacheHeader Header = new(1, 2, 3, 4, 5, 6, 3, 8, 9, 10);

    [Test]
    public void WriteAtomic_TempFilesLeftInShard_NextWriterRemovesOnlyTheOldOnes()
    {
        using var temp = new TempDirectory();
        var first = CachePath.GetEntryPath(temp.CacheDirectory, "/scripts/a.csx");
        CacheFile.WriteAtomic(temp.CacheDirectory, first, Header, [1], [2]);
        var abandoned = first + CacheFile.TempMarker + "00000000000000aa";
        var inFlight = first + CacheFile.TempMarker + "00000000000000bb";
        File.WriteAllText(abandoned, "left by a writer that was killed");
        File.WriteAllText(inFlight, "a live writer's");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - AbandonedTempFiles.WriterSweepAge - TimeSpan.FromMinutes(1));

        CacheFile.WriteAtomic(temp.CacheDirectory, first, Header, [1], [3]);

        Assert.That(File.Exists(abandoned), Is.False);
        Assert.That(File.Exists(inFlight), Is.True);
        Assert.That(File.ReadAllBytes(first)[CacheHeader.Size..], Is.EqualTo(new byte[] { 1, 3 }));
    }

    [Test]
    public void Sweep_LinkOrDirectoryNamedLikeATempFile_LeftAlone()
    {
        using var temp = new TempDirectory();
        var shard = temp.Combine("cache", "ab");
        var outside = temp.Write("outside.txt", "not ours");
        var old = DateTime.UtcNow.AddDays(-1);
        Directory.CreateDirectory(shard);
        File.CreateSymbolicLink(Path.Join(shard, "x" + CacheFile.TempMarker + "1"), outside);
        Directory.CreateDirectory(Path.Join(shard, "y" + CacheFile.TempMarker + "2")).LastWriteTimeUtc = old;

        var removed = AbandonedTempFiles.Sweep(shard, DateTime.UtcNow);

        Assert.That(removed, Is.Zero);
        Assert.That(File.ReadAllText(outside), Is.EqualTo("not ours"));
        Assert.That(Directory.GetFileSystemEntries(shard), Has.Length.EqualTo(2));
    }
}
