namespace RoslynBootsnap.Tests;

public sealed class ScriptEnvironmentTests
{
    private readonly Dictionary<string, string?> _saved = [];

    [TearDown]
    public void TearDown()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        _saved.Clear();
    }

    [Test]
    public void PublicConstants_NameTheOneDeclaration_Unchanged()
    {
        Assert.That(ScriptCache.CacheDirectoryVariable, Is.EqualTo("ROSLYN_BOOTSNAP_CACHE_DIR"));
        Assert.That(ScriptCache.TrustedOwnersVariable, Is.EqualTo(ScriptEnvironment.TrustedOwnersVariable));
        Assert.That(ScriptCache.RemoteKeyFileVariable, Is.EqualTo("ROSLYN_BOOTSNAP_REMOTE_KEY_FILE"));
        Assert.That(CompileServer.SocketVariable, Is.EqualTo("ROSLYN_BOOTSNAP_SERVER_SOCKET"));
    }

    [Test]
    public void CacheDirectory_VariableSetWhileRunning_IsReadWhenAsked()
    {
        Set(ScriptEnvironment.CacheDirectoryVariable, null);
        Assert.That(ScriptEnvironment.CacheDirectory, Is.Null);

        Set(ScriptEnvironment.CacheDirectoryVariable, "/tmp/a cache");

        Assert.That(ScriptEnvironment.CacheDirectory, Is.EqualTo("/tmp/a cache"));
    }

    [TestCase("1", true)]
    [TestCase("TRUE", true)]
    [TestCase("yes", true)]
    [TestCase("0", false)]
    [TestCase("", false)]
    [TestCase("on", false)]
    [TestCase(null, false)]
    public void Disable_EachValue_IsOnOnlyForOneTrueOrYes(string? value, bool on)
    {
        Set(ScriptEnvironment.DisableVariable, value);

        Assert.That(ScriptEnvironment.Disable, Is.EqualTo(on));
    }

    [Test]
    public void Snapshot_VariableOfTheProcess_IsInIt()
    {
        Set("ROSLYN_BOOTSNAP_TEST_SNAPSHOT", "value");

        Assert.That(ScriptEnvironment.Snapshot(), Does.ContainKey("ROSLYN_BOOTSNAP_TEST_SNAPSHOT").WithValue("value"));
    }

    [Test]
    public void TakeServerWarmUp_Set_ReturnsItAndRemovesIt()
    {
        Set(ScriptEnvironment.ServerWarmUpVariable, "b3B0aW9ucw==");

        Assert.That(ScriptEnvironment.TakeServerWarmUp(), Is.EqualTo("b3B0aW9ucw=="));
        Assert.That(ScriptEnvironment.TakeServerWarmUp(), Is.Null);
        Assert.That(ScriptEnvironment.Snapshot(), Does.Not.ContainKey(ScriptEnvironment.ServerWarmUpVariable));
    }

    private void Set(string name, string? value)
    {
        _saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }
}
