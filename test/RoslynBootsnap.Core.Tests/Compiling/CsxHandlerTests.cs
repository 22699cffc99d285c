using System.Text;
using RoslynBootsnap.Compiling;

namespace RoslynBootsnap.Tests.Compiling;

public sealed class CsxHandlerTests
{
    private static readonly CsxHandler Handler = new(new CompileSettings(new ScriptCacheOptions()));

    [Test]
    public void StorageToOutput_CorruptStorage_None()
    {
        var result = Handler.StorageToOutput(new byte[] { 1, 2, 3 }, "/x.csx", []);

        Assert.That(result.Value, Is.Null);
        Assert.That(result.IsUncompilable, Is.False);
    }

    [Test]
    public async Task InputToStorage_ThenStorageToOutput_Runs()
    {
        var storage = Handler.InputToStorage(Encoding.UTF8.GetBytes("3 * 3"), "/virtual/x.csx", CancellationToken.None);

        using var script = Handler.StorageToOutput(storage.Value!.Payload, "/virtual/x.csx", [.. storage.Value.Dependencies.Select(d => d.Path)]).Value!;

        Assert.That(await script.RunAsync(), Is.EqualTo(9));
    }

    [Test]
    public async Task InputToOutput_CompilesInMemory()
    {
        using var script = Handler.InputToOutput(Encoding.UTF8.GetBytes("\"mem\""), "/virtual/y.csx", CancellationToken.None);

        Assert.That(await script.RunAsync(), Is.EqualTo("mem"));
    }

    [Test]
    public void InputToStorage_SameInput_Deterministic()
    {
        var input = Encoding.UTF8.GetBytes("var a = 1;\na + 1");

        var first = Handler.InputToStorage(input, "/virtual/d.csx", CancellationToken.None).Value!.Payload;
        var second = Handler.InputToStorage(input, "/virtual/d.csx", CancellationToken.None).Value!.Payload;

        Assert.That(second, Is.EqualTo(first));
    }
}
