using RoslynBootsnap.Loading;

namespace RoslynBootsnap.Tests.Loading;

public sealed class ScriptLoaderTests
{
    [Test]
    public void LoadOrNull_NotAnImage_Null()
    {
        var artifact = new ScriptArtifact("Submission#0", "<Factory>", [], [], new byte[] { 1, 2, 3 });

        Assert.That(ScriptLoader.LoadOrNull("/x.csx", artifact, [], globalsType: null, HostShares.None), Is.Null);
    }

    [Test]
    public void LoadOrNull_ImageWithoutEntryType_Null()
    {
        // A real managed image, but not a script: the recorded entry point does not exist in it.
        var image = File.ReadAllBytes(typeof(ScriptLoaderTests).Assembly.Location);
        var artifact = new ScriptArtifact("Submission#0", "<Factory>", [], [], image);

        Assert.That(ScriptLoader.LoadOrNull("/x.csx", artifact, [], globalsType: null, HostShares.None), Is.Null);
    }
}
