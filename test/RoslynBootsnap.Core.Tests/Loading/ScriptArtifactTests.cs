using RoslynBootsnap.Loading;

namespace RoslynBootsnap.Tests.Loading;

public sealed class ScriptArtifactTests
{
    [Test]
    public void Serialize_ThenTryParse_RoundTrips()
    {
        var artifact = new ScriptArtifact("Submission#0", "<Factory>", [3, 0], ["/dotnet/shared/a.dll", "/dotnet/shared/b.dll"], new byte[] { 1, 2, 3, 4 });

        var parsed = ScriptArtifact.TryParse(artifact.Serialize(), out var back);

        Assert.That(parsed, Is.True);
        Assert.That(back.EntryTypeName, Is.EqualTo("Submission#0"));
        Assert.That(back.EntryMethodName, Is.EqualTo("<Factory>"));
        Assert.That(back.DependencyReferences, Is.EqualTo(new[] { 3, 0 }));
        Assert.That(back.FrameworkReferences, Is.EqualTo(new[] { "/dotnet/shared/a.dll", "/dotnet/shared/b.dll" }));
        Assert.That(back.Image.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
    }

    [TestCase(new byte[0])]
    [TestCase(new byte[] { 5 })]
    [TestCase(new byte[] { 0, 0, 1, 0, 65 })]
    [TestCase(new byte[] { 200, 0, 65, 66 })]
    [TestCase(new byte[] { 1, 0, 65, 1, 0, 66 })]
    [TestCase(new byte[] { 1, 0, 65, 1, 0, 66, 0, 0 })]
    [TestCase(new byte[] { 1, 0, 65, 1, 0, 66, 1, 0, 9, 0 })]
    [TestCase(new byte[] { 1, 0, 65, 1, 0, 66, 0, 0, 0, 0 })]
    [TestCase(new byte[] { 1, 0, 65, 1, 0, 66, 0, 0, 1, 0, 5 })]
    public void TryParse_Malformed_False(byte[] storage) =>
        Assert.That(ScriptArtifact.TryParse(storage, out _), Is.False);
}
