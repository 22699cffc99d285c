using System.Diagnostics;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Server;

/// <summary>The compile server with a remote tier: the bound on waiting for another host's upload holds end to end.</summary>
public sealed partial class CompileServerTests
{
    [Test]
    [Category("Process")]
    public void Run_RemoteLockStuckThroughServer_WaitsLessThanTwiceTheBound()
    {
        using var redis = RedisServer.Start();
        var bound = TimeSpan.FromSeconds(5);
        _server.Environment[ScriptCache.RemoteVariable] = redis.Url + ",lockWait=" + (long)bound.TotalMilliseconds;
        _server.Environment[ScriptCache.RemoteKeyVariable] = "server-fleet-signing-key-0123456789";
        var path = _temp.Write("locked.csx", CountRoslyn);

        // A first compile elsewhere names the script's remote key; its value is then dropped and its lock left
        // held, as by a host that died mid-compile and whose lock has not lapsed yet.
        var first = CliHost.Run(
            _temp.Path,
            new Dictionary<string, string>(_server.Environment) { [ScriptCache.CacheDirectoryVariable] = _temp.Combine("first-cache") },
            "run",
            "--no-server",
            path);
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(redis.Command("EVAL", StickLock, "0", "roslyn-bootsnap:entry:*"), Is.EqualTo(":1"), "the first compile uploaded one entry, now dropped and locked");
        _server.StartServer();

        var clock = Stopwatch.StartNew();
        var result = _server.Run("run", "--events", path);
        var elapsed = clock.Elapsed;

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stderr(result), Has.None.Contains("server-fallback"), result.ToString());
        Assert.That(result.Lines("roslyn:"), Is.EqualTo(new[] { "0" }), "the server compiled it");
        Assert.That(_server.Status!.Compiles, Is.EqualTo(1));
        Assert.That(elapsed, Is.LessThan(bound * 2), "the client waited its bound for the lock; the server did not wait again");
    }

    [Test]
    [Category("Process")]
    public void Run_NewScriptsThroughWarmServerWithRemote_ServerCompilesClientUploadsNoLockWait()
    {
        using var redis = RedisServer.Start();
        // A wait far past the bound below: a run that waited on a lock at all could not finish within it.
        _server.Environment[ScriptCache.RemoteVariable] = redis.Url + ",lockWait=60000";
        _server.Environment[ScriptCache.RemoteKeyVariable] = "server-fleet-signing-key-0123456789";
        _server.StartServer();
        var compilesBefore = _server.Status!.Compiles;
        var missesBefore = Misses(redis);
        var entriesBefore = Entries(redis);

        var results = new List<(ProcessResult Result, TimeSpan Elapsed)>();
        foreach (var name in (string[])["new-1.csx", "new-2.csx"])
        {
            var path = _temp.Write(name, CountRoslyn + "\nWriteLine(\"" + name + "\");");
            var clock = Stopwatch.StartNew();
            var result = _server.Run("run", "--events", path);
            results.Add((result, clock.Elapsed));
        }

        foreach (var (result, elapsed) in results)
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(Stderr(result), Has.None.Contains("server-fallback").And.None.Contains("remote-failed"), result.ToString());
            Assert.That(result.Lines("roslyn:"), Is.EqualTo(new[] { "0" }), "the server compiled it");
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "no lock was waited for");
        }

        Assert.That(_server.Status!.Compiles - compilesBefore, Is.EqualTo(2));
        Assert.That(redis.Command("EVAL", CountKeys, "0", "roslyn-bootsnap:entry:*:lock"), Is.EqualTo(":0"), "no lock left behind");
        Assert.That(Entries(redis) - entriesBefore, Is.EqualTo(2), "each new script reached the remote tier");
        Assert.That(Misses(redis) - missesBefore, Is.EqualTo(2), "the client looked the remote up once per script; the server never did");
    }

    /// <summary>The lookups that missed, as the hosts counted them in the store.</summary>
    private static long Misses(RedisServer redis) =>
        long.Parse(redis.Command("EVAL", "return tonumber(redis.call('HGET', ARGV[1], ARGV[2]) or '0')", "0", "roslyn-bootsnap:stats", "misses")!.TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The entries in the store, locks not counted.</summary>
    private static long Entries(RedisServer redis) =>
        long.Parse(redis.Command("EVAL", CountKeys, "0", "roslyn-bootsnap:entry:*")!.TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture)
        - long.Parse(redis.Command("EVAL", CountKeys, "0", "roslyn-bootsnap:entry:*:lock")!.TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The number of keys that match ARGV[1].</summary>
    private const string CountKeys = "return #redis.call('KEYS', ARGV[1])";

    /// <summary>Drops the one entry that matches ARGV[1] and holds its compile lock for ten minutes; 1 when it did.</summary>
    private const string StickLock = """
        local keys = redis.call('KEYS', ARGV[1])
        if #keys ~= 1 then return 0 end
        redis.call('DEL', keys[1])
        redis.call('SET', keys[1] .. ':lock', '4242', 'EX', 600)
        return 1
        """;
}
