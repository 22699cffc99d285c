using System.Runtime.Versioning;
using RoslynBootsnap.Caching.Remote;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching.Remote;

/// <summary>
/// The signing key file: only a small regular file is read, so a device, a FIFO or a huge file named there turns
/// the remote tier off with the reason, instead of exhausting memory or blocking the first miss.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class RemoteKeyFileTests
{
    private const string Key = "fleet-signing-key-0123456789";

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void RemoteKeyFor_RegularFile_KeyWithoutTrailingNewline()
    {
        var file = _temp.Write("fleet.key", Key + "\n");

        var key = ScriptCache.RemoteKeyFor(new ScriptCacheOptions { Fleet = { RemoteKeyFile = file } }, out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(key, Is.EqualTo(System.Text.Encoding.UTF8.GetBytes(Key)));
    }

    [Test]
    public void RemoteKeyFor_LinkToRegularFile_Followed()
    {
        // Mounted secrets are links to their current version.
        var file = _temp.Write("secret/..data/fleet.key", Key);
        var link = _temp.Combine("fleet.key");
        File.CreateSymbolicLink(link, file);

        var key = ScriptCache.RemoteKeyFor(new ScriptCacheOptions { Fleet = { RemoteKeyFile = link } }, out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(key, Has.Length.EqualTo(Key.Length));
    }

    [Test]
    [Category("Reliability")]
    public void RemoteKeyFor_DevZero_RefusedAsNotRegular()
    {
        var key = ScriptCache.RemoteKeyFor(new ScriptCacheOptions { Fleet = { RemoteKeyFile = "/dev/zero" } }, out var problem);

        Assert.That(key, Is.Null);
        Assert.That(problem, Does.Contain("'/dev/zero'").And.Contain("not a regular file"));
    }

    [Test]
    [Category("Reliability")]
    public void RemoteKeyFor_LinkToDevZero_RefusedAsNotRegular()
    {
        var link = _temp.Combine("fleet.key");
        File.CreateSymbolicLink(link, "/dev/zero");

        var key = ScriptCache.RemoteKeyFor(new ScriptCacheOptions { Fleet = { RemoteKeyFile = link } }, out var problem);

        Assert.That(key, Is.Null);
        Assert.That(problem, Does.Contain(link).And.Contain("not a regular file"));
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public void RemoteKeyFor_Fifo_RefusedWithoutBlocking()
    {
        var fifo = Fifo.Create(_temp.Combine("fleet.key"));

        var task = Fifo.Bounded(fifo, () => (ScriptCache.RemoteKeyFor(new ScriptCacheOptions { Fleet = { RemoteKeyFile = fifo } }, out var problem), problem));
        var (key, problem) = task.Result;

        Assert.That(key, Is.Null);
        Assert.That(problem, Does.Contain(fifo).And.Contain("not a regular file"));
    }

    [Test]
    [Category("Reliability")]
    public void RemoteKeyFor_FileLargerThanBound_RefusedNamingSize()
    {
        var file = _temp.Write("fleet.key", new string('k', RemoteKeyFile.MaximumLength + 1));

        var key = ScriptCache.RemoteKeyFor(new ScriptCacheOptions { Fleet = { RemoteKeyFile = file } }, out var problem);

        Assert.That(key, Is.Null);
        Assert.That(problem, Does.Contain(file).And.Contain($"{RemoteKeyFile.MaximumLength + 1} bytes"));
    }

    [Test]
    [Category("Reliability")]
    public void RemoteKeyFor_VariableNamesDevZero_RefusedAsNotRegular()
    {
        var before = Environment.GetEnvironmentVariable(ScriptCache.RemoteKeyFileVariable);
        var beforeKey = Environment.GetEnvironmentVariable(ScriptCache.RemoteKeyVariable);
        try
        {
            Environment.SetEnvironmentVariable(ScriptCache.RemoteKeyVariable, null);
            Environment.SetEnvironmentVariable(ScriptCache.RemoteKeyFileVariable, "/dev/zero");

            var key = ScriptCache.RemoteKeyFor(new ScriptCacheOptions(), out var problem);

            Assert.That(key, Is.Null);
            Assert.That(problem, Does.Contain("not a regular file"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ScriptCache.RemoteKeyFileVariable, before);
            Environment.SetEnvironmentVariable(ScriptCache.RemoteKeyVariable, beforeKey);
        }
    }
}
