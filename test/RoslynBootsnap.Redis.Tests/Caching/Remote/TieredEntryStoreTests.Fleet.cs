using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching.Remote;

/// <summary>A fleet of real host processes, each at its own path, starting cold together against one Redis.</summary>
public sealed partial class TieredEntryStoreTests
{
    private static readonly TimeSpan HostTimeout = TimeSpan.FromMinutes(3);

    [Test]
    [Category("Process")]
    public void Load_EightHostsColdAtEightPaths_EachScriptCompiledOnce()
    {
        _redis = RedisServer.Start();
        string[] scripts = ["a.csx", "b.csx", "c.csx"];
        var go = _temp.Combine("go");
        var hosts = new List<RunningHost>();
        List<ProcessResult> results;
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var app = _temp.Combine($"host{i}", "app");
                _temp.Write($"host{i}/app/lib/shared.csx", "int Shared() => 40;");
                foreach (var script in scripts)
                {
                    _temp.Write($"host{i}/app/{script}", $"#load \"lib/shared.csx\"\nShared() + {script[0] - 'a'}");
                }

                var environment = new Dictionary<string, string>
                {
                    // Bounds for a machine loaded far past its cores: this test is about one compile, not the bounds.
                    [ScriptCache.RemoteVariable] = _redis.Url + ",syncTimeout=5000,lockWait=120000",
                    [ScriptCache.RemoteKeyVariable] = Key,
                    [ScriptCache.BaseDirectoryVariable] = app,
                };
                hosts.Add(TestHost.Launch(environment, ["--wait-for", go, _temp.Combine($"host{i}", "cache"), .. scripts.Select(s => Path.Join(app, s))]));
            }

            foreach (var host in hosts)
            {
                host.WaitForLine("ready", HostTimeout);
            }

            File.WriteAllText(go, string.Empty);
            results = [.. hosts.Select(h => h.WaitForExit(HostTimeout))];
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }

        var events = results.SelectMany(r => r.Lines("event:")).ToList();
        var all = string.Join(Environment.NewLine, results);
        Assert.That(results.SelectMany(r => r.Lines("result:")), Is.EquivalentTo(Enumerable.Repeat(new[] { "40", "41", "42" }, 8).SelectMany(x => x)), all);
        Assert.That(events.Count(e => e == "miss"), Is.EqualTo(scripts.Length), "one compile per script across the fleet" + Environment.NewLine + all);
        Assert.That(events.Count(e => e == "remote-hit"), Is.EqualTo(7 * scripts.Length), all);
        Assert.That(events, Has.None.StartsWith("remote-failed"), all);
    }
}
