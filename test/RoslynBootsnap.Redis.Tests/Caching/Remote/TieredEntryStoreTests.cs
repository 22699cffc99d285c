using RoslynBootsnap.Tests.Support;
using StackExchange.Redis;

namespace RoslynBootsnap.Tests.Caching.Remote;

/// <summary>
/// The remote tier against a real redis-server: hosts at different paths share compiles through it, and a
/// server that is down, full, flushed or holding bad values never stops a script.
/// </summary>
public sealed partial class TieredEntryStoreTests
{
    private const string Key = "fleet-signing-key-0123456789";

    private TempDirectory _temp = null!;
    private RedisServer? _redis;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown()
    {
        _redis?.Dispose();
        _redis = null;
        _temp.Dispose();
    }

    [Test]
    [Category("Process")]
    public async Task Load_SecondHostAtAnotherPath_HitsRemoteWithoutCompilingAndBackfills()
    {
        _redis = RedisServer.Start();
        var first = new Host(this, "a");
        var second = new Host(this, "b");

        var firstResult = await first.Run("main.csx");
        var secondResult = await second.Run("main.csx");
        _redis.Command("FLUSHALL");
        var again = await second.Run("main.csx");

        Assert.That(firstResult, Is.EqualTo("util:42"));
        Assert.That(first.Events, Is.EqualTo(new[] { "remote-miss", "miss" }));
        Assert.That(secondResult, Is.EqualTo("util:42"));
        Assert.That(again, Is.EqualTo("util:42"));
        Assert.That(second.Events, Is.EqualTo(new[] { "remote-hit", "hit" }), "a remote hit compiles nothing and writes the local entry");
    }

    [Test]
    [Category("Process")]
    public async Task Load_ReadOnlyClient_TakesRemoteEntriesAndNeverWrites()
    {
        _redis = RedisServer.Start();
        var reader = new Host(this, "reader") { ReadOnly = true };
        await reader.Run("main.csx");
        var keysAfterReaderMiss = _redis.KeyCount;
        await new Host(this, "writer").Run("main.csx");
        var otherReader = new Host(this, "reader2") { ReadOnly = true };

        var result = await otherReader.Run("main.csx");

        Assert.That(reader.Events, Is.EqualTo(new[] { "remote-miss", "miss" }));
        Assert.That(keysAfterReaderMiss, Is.Zero, "no entry, no lock and no counter");
        Assert.That(result, Is.EqualTo("util:42"));
        Assert.That(otherReader.Events, Is.EqualTo(new[] { "remote-hit" }));
        Assert.That(_redis.Command("KEYS", "roslyn-bootsnap:entry:*"), Is.EqualTo("*1"), "one entry, no lock left behind");
    }

    [Test]
    [Category("Process")]
    public async Task Load_ValueSignedWithAnotherKey_RefusedAndCompiledLocally()
    {
        _redis = RedisServer.Start();
        await new Host(this, "a").Run("main.csx");
        var other = new Host(this, "b") { SigningKey = "another-fleet-key-9876543210" };

        var result = await other.Run("main.csx");

        Assert.That(result, Is.EqualTo("util:42"));
        Assert.That(other.Events, Is.EqualTo(new[] { "remote-failed remote-signature", "miss" }));
    }

    [TestCase("tampered")]
    [TestCase("truncated")]
    [TestCase("unsigned")]
    [Category("Process")]
    public async Task Load_BadRemoteValue_RefusedAndCompiledLocally(string damage)
    {
        _redis = RedisServer.Start();
        await new Host(this, "a").Run("main.csx");
        Damage(damage);
        var second = new Host(this, "b");

        var result = await second.Run("main.csx");

        Assert.That(result, Is.EqualTo("util:42"));
        Assert.That(second.Events, Is.EqualTo(new[] { "remote-failed remote-signature", "miss" }));
    }

    [Test]
    [Category("Process")]
    public async Task Load_RemoteWithoutKey_NoRemoteTierAndSaysSo()
    {
        _redis = RedisServer.Start();
        var host = new Host(this, "a") { SigningKey = null };

        var result = await host.Run("main.csx");

        Assert.That(result, Is.EqualTo("util:42"));
        Assert.That(host.Events, Is.EqualTo(new[] { "remote-failed remote-key", "miss" }));
        Assert.That(host.Raw.First().Exception!.Message, Does.Contain(ScriptCache.RemoteKeyVariable));
        Assert.That(_redis.KeyCount, Is.Zero);
    }

    [Test]
    [Category("Process")]
    public async Task Load_ShortKey_NoRemoteTier()
    {
        _redis = RedisServer.Start();
        var host = new Host(this, "a") { SigningKey = "short" };

        await host.Run("main.csx");

        Assert.That(host.Events.First(), Is.EqualTo("remote-failed remote-key"));
        Assert.That(_redis.KeyCount, Is.Zero);
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public async Task Load_OversizedValueUnderEntryKey_RefusedBySizeAndCompiledLocally()
    {
        _redis = RedisServer.Start();
        await new Host(this, "a").Run("main.csx");
        var key = EntryKey();
        // Past the 64 MiB an entry may be, grown by the server itself (SETRANGE pads with zeros).
        _redis.Command("SETRANGE", key, (65 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), "x");
        var second = new Host(this, "b");

        var result = await second.Run("main.csx");

        Assert.That(result, Is.EqualTo("util:42"));
        Assert.That(second.Events, Is.EqualTo(new[] { "remote-failed remote-size", "miss" }));
        Assert.That(second.Raw[0].Exception, Is.TypeOf<RoslynBootsnap.Caching.Remote.RemoteStoreException>());
        Assert.That(second.Raw[0].Exception!.Message, Does.Contain($"{(65 << 20) + 1} bytes").And.Contain("not read"));
    }

    [Test]
    [Category("Process")]
    public async Task Load_LoadedFileDiffersOnSecondHost_RemoteMissOnTheDependency()
    {
        _redis = RedisServer.Start();
        await new Host(this, "a").Run("main.csx");
        var second = new Host(this, "b", util: "string Util() => \"other\";");

        var result = await second.Run("main.csx");

        Assert.That(result, Is.EqualTo("other:42"));
        Assert.That(second.Events, Is.EqualTo(new[] { "remote-miss dependency", "miss" }));
    }

    [Test]
    [Category("Process")]
    public async Task Load_RedisKilledMidRun_ScriptsStillRunAndTheStoreIsLeftAlone()
    {
        _redis = RedisServer.Start();
        var host = new Host(this, "a");
        await host.Run("main.csx");
        _redis.Kill();
        host.Take();

        var second = await host.Run("other.csx");
        var third = await host.Run("third.csx");

        Assert.That(second, Is.EqualTo("other"));
        Assert.That(third, Is.EqualTo("third"));
        Assert.That(host.Events[0], Does.StartWith("remote-failed remote-"));
        Assert.That(host.Events[1], Is.EqualTo("miss"));
        Assert.That(host.Events[2..], Is.EqualTo(new[] { "remote-failed remote-unavailable", "miss" }), "not retried per script");
    }

    [Test]
    public async Task Load_NoServerListening_ConnectFailsAndScriptRuns()
    {
        var host = new Host(this, "a") { Remote = "redis://127.0.0.1:1" };

        var result = await host.Run("main.csx");

        Assert.That(result, Is.EqualTo("util:42"));
        // The upload after the compile tries the server again only if the unavailable window has passed by then,
        // which a slow compile on a busy machine can make happen: that retry fails the same way.
        Assert.That(host.Events.Take(2), Is.EqualTo(new[] { "remote-failed remote-connect", "miss" }));
        Assert.That(host.Events.Skip(2), Is.All.EqualTo("remote-failed remote-connect"));
    }

    [Test]
    [Category("Process")]
    public async Task Load_ServerEvictsUnderMaxMemory_EvictedEntriesMissAndEveryScriptRuns()
    {
        _redis = RedisServer.Start("--maxmemory", "2mb", "--maxmemory-policy", "allkeys-lru");
        var writer = new Host(this, "a");
        var scripts = Enumerable.Range(0, 24).Select(i => writer.WriteLarge($"big{i}.csx", i)).ToArray();
        foreach (var script in scripts)
        {
            await writer.Run(script);
        }

        // A read-only reader, so that its own uploads do not evict what it is about to read.
        var reader = new Host(this, "b") { ReadOnly = true };
        foreach (var script in scripts)
        {
            reader.WriteLarge(script, int.Parse(script[3..^4], System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(await reader.Run(script), Is.EqualTo(script.Length));
        }

        Assert.That(reader.Events, Has.Some.EqualTo("remote-hit"), "the latest entries are still there; the writer saw " + string.Join(", ", writer.Events.Distinct()));
        Assert.That(reader.Events, Has.Some.EqualTo("remote-miss"), "the server evicted the oldest");
        Assert.That(reader.Events.Count(e => e == "miss"), Is.EqualTo(reader.Events.Count(e => e == "remote-miss")));
    }

    [Test]
    [Category("Process")]
    public async Task Load_ServerStalls_OperationTimesOutAndScriptCompilesLocally()
    {
        _redis = RedisServer.Start("--enable-debug-command", "yes");
        await new Host(this, "a").Run("main.csx");
        var second = new Host(this, "b");
        // Long enough that the second host, however slowly a loaded machine starts it, asks while it lasts.
        var stall = Task.Run(() => _redis.Command("DEBUG", "SLEEP", "10"));
        while (_redis.Command("PING") == "+PONG")
        {
            // Until the server is busy sleeping: a PING then gets no answer within its second.
            await Task.Delay(10);
        }

        var result = await second.Run("main.csx");
        await stall;

        Assert.That(result, Is.EqualTo("util:42"));
        Assert.That(second.Events, Is.EqualTo(new[] { "remote-failed remote-get", "miss" }));
    }

    [Test]
    [Category("Process")]
    public async Task Load_ServerFullWithoutEviction_UploadFailsAndScriptsRun()
    {
        _redis = RedisServer.Start("--maxmemory", "1mb", "--maxmemory-policy", "noeviction");
        var host = new Host(this, "a");
        var scripts = Enumerable.Range(0, 12).Select(i => host.WriteLarge($"big{i}.csx", i)).ToArray();

        foreach (var script in scripts)
        {
            Assert.That(await host.Run(script), Is.EqualTo(script.Length));
        }

        Assert.That(host.Events, Has.Some.EqualTo("remote-failed remote-put"), string.Join(", ", host.Events));
        Assert.That(host.Events.Count(e => e == "miss"), Is.EqualTo(scripts.Length));
    }

    [Test]
    [Category("Process")]
    public void Load_ScriptDoesNotCompile_LockReleasedSoNoHostWaitsOnIt()
    {
        _redis = RedisServer.Start();
        var host = new Host(this, "a");
        _temp.Write("a/app/broken.csx", "undefinedThing + 1");

        Assert.ThrowsAsync<ScriptCompilationException>(async () => await host.Run("broken.csx"));

        Assert.That(host.Events, Is.EqualTo(new[] { "remote-miss", "miss" }));
        Assert.That(_redis.Command("KEYS", "*:lock"), Is.EqualTo("*0"));
    }

    [Test]
    [Category("Process")]
    public void Load_WarmLocalHitInChildProcess_LoadsNoRedisClientNorRoslyn()
    {
        _redis = RedisServer.Start();
        var script = _temp.Write("app/warm.csx", "6 * 7");
        var environment = new Dictionary<string, string>
        {
            [ScriptCache.RemoteVariable] = _redis.Url,
            [ScriptCache.RemoteKeyVariable] = Key,
            [ScriptCache.BaseDirectoryVariable] = _temp.Combine("app"),
        };

        var cold = TestHost.Run(environment, "--assemblies", _temp.CacheDirectory, script);
        var warm = TestHost.Run(environment, "--assemblies", _temp.CacheDirectory, script);

        Assert.That(cold.Lines("event:"), Is.EqualTo(new[] { "remote-miss", "miss" }), cold.ToString());
        Assert.That(cold.Lines("assembly:"), Has.Some.EqualTo("StackExchange.Redis"), "the check must be able to see the client");
        Assert.That(warm.Lines("event:"), Is.EqualTo(new[] { "hit" }), warm.ToString());
        Assert.That(warm.Lines("result:"), Is.EqualTo(new[] { "42" }));
        Assert.That(warm.Lines("assembly:"), Has.None.StartsWith("StackExchange.Redis").And.None.StartsWith("Microsoft.CodeAnalysis"), warm.ToString());
    }

    private string EntryKey()
    {
        using var connection = ConnectionMultiplexer.Connect($"127.0.0.1:{_redis!.Port}");
        return connection.GetServer("127.0.0.1", _redis.Port).Keys(pattern: RoslynBootsnap.Caching.Remote.RemoteKey.Prefix + "*").Single(k => !k.ToString().EndsWith(":lock", StringComparison.Ordinal)).ToString();
    }

    private void Damage(string how)
    {
        using var connection = ConnectionMultiplexer.Connect($"127.0.0.1:{_redis!.Port}");
        var database = connection.GetDatabase();
        var server = connection.GetServer("127.0.0.1", _redis.Port);
        var key = server.Keys(pattern: "roslyn-bootsnap:entry:*").Single();
        var value = (byte[])database.StringGet(key)!;
        byte[] damaged = how switch
        {
            "tampered" => Flip(value, value.Length - 10),
            "truncated" => value[..(value.Length / 2)],
            _ => value[36..],
        };
        database.StringSet(key, damaged);
    }

    private static byte[] Flip(byte[] value, int at)
    {
        var copy = (byte[])value.Clone();
        copy[at] ^= 0x01;
        return copy;
    }

    /// <summary>A host with its own tree and cache dir under the temp dir, sharing the test's Redis.</summary>
    private sealed class Host
    {
        private readonly TieredEntryStoreTests _test;
        private readonly string _root;
        private readonly EventLog _events = new();

        public Host(TieredEntryStoreTests test, string name, string util = "string Util() => \"util\";")
        {
            _test = test;
            _root = test._temp.Combine(name);
            Remote = test._redis?.Url ?? "redis://127.0.0.1:1";
            test._temp.Write($"{name}/app/lib/util.csx", util);
            test._temp.Write($"{name}/app/main.csx", "#load \"lib/util.csx\"\n$\"{Util()}:{6 * 7}\"");
            test._temp.Write($"{name}/app/other.csx", "\"other\"");
            test._temp.Write($"{name}/app/third.csx", "\"third\"");
        }

        public string? SigningKey { get; init; } = Key;

        public bool ReadOnly { get; init; }

        public string Remote { get; init; }

        public IReadOnlyList<CacheEvent> Raw => _events.Events;

        public string[] Events => [.. _events.Events.Select(e => e.Step is null ? e.Name : $"{e.Name} {e.Step}")];

        public void Take() => _events.Take();

        /// <summary>A script whose entry is large (a long literal), so a few fill a small server.</summary>
        public string WriteLarge(string name, int seed)
        {
            var random = new Random(seed);
            var text = new string([.. Enumerable.Range(0, 60_000).Select(_ => (char)random.Next('a', 'z' + 1))]);
            _test._temp.Write(Path.Join(Path.GetFileName(_root), "app", name), $"var s = \"{text}\";\n{name.Length}");
            return name;
        }

        public async Task<object?> Run(string script)
        {
            var options = new ScriptCacheOptions
            {
                CacheDirectory = Path.Join(_root, "cache"),
                Fleet = { BaseDirectory = Path.Join(_root, "app"), Remote = Remote, RemoteKey = SigningKey, RemoteReadOnly = ReadOnly },
                OnEvent = _events.Add,
            };
            using var loaded = ScriptCache.Load(Path.Join(_root, "app", script), options);
            return await loaded.RunAsync();
        }
    }
}
