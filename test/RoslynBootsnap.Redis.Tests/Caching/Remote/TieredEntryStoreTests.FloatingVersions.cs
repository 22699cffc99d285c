using System.Runtime.Versioning;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching.Remote;

/// <summary>
/// A floating package version (<c>1.*</c>) behaves the same with the remote tier as without: the resolution is
/// shared while it is fresh, keeping the time it was made, and resolved again once the refresh interval has passed.
/// Real restores against a local folder feed, the real command line, a real redis-server.
/// </summary>
public sealed partial class TieredEntryStoreTests
{
    private const string FloatingScript = "#r \"nuget: Lib.F, 1.*\"\nWriteLine(Lib.F.Which.Version);\n";

    [TestCase(true)]
    [TestCase(false)]
    [Category("Process")]
    [UnsupportedOSPlatform("windows")]
    public void Run_FloatingVersion_SharedWhileFreshResolvedAgainWhenDue(bool remote)
    {
        if (remote)
        {
            _redis = RedisServer.Start();
        }

        var feed = new PackageFeed(_temp.Combine("fleet"));
        feed.AddLibrary("Lib.F", "1.0.0", "namespace Lib.F; public static class Which { public static string Version => \"f1.0\"; }");
        var first = new FloatingHost(feed, "a", _redis?.Url);
        // Through the remote tier, another host at another path with its own cache; without it, the same host again.
        var second = remote ? new FloatingHost(feed, "b", _redis!.Url) : first;

        var compiled = first.Run();
        var shared = second.Run();
        var resolvedAt = first.ResolvedAtTicks();
        var sharedResolvedAt = second.ResolvedAtTicks();
        feed.AddLibrary("Lib.F", "1.1.0", "namespace Lib.F; public static class Which { public static string Version => \"f1.1\"; }");
        var due = second.Run("--refresh", "0s");

        Assert.That(compiled.ExitCode, Is.Zero, compiled.ToString());
        Assert.That(compiled.Lines("f1."), Is.EqualTo(new[] { "0" }));
        Assert.That(shared.ExitCode, Is.Zero, shared.ToString());
        Assert.That(shared.Lines("f1."), Is.EqualTo(new[] { "0" }));
        Assert.That(FloatingHost.Events(shared), Is.EqualTo(remote ? new[] { "remote-hit" } : new[] { "hit" }), "served as resolved, not compiled: " + shared);
        Assert.That(sharedResolvedAt, Is.EqualTo(resolvedAt), "the entry keeps the time it was resolved, so its interval is not started again");
        Assert.That(due.ExitCode, Is.Zero, due.ToString());
        Assert.That(due.Lines("f1."), Is.EqualTo(new[] { "1" }), "resolved again: the newer version");
        Assert.That(
            FloatingHost.Events(due),
            Is.EqualTo(remote ? new[] { "remote-miss refresh-packages", "stale refresh-packages" } : new[] { "stale refresh-packages" }),
            due.ToString());
    }

    /// <summary>A host of the fleet: its tree under the feed's root (where the restore finds the feed), its own cache.</summary>
    private sealed class FloatingHost
    {
        private readonly string _app;
        private readonly string _cache;
        private readonly string? _remote;

        public FloatingHost(PackageFeed feed, string name, string? remote)
        {
            _app = Path.Join(feed.Root, name, "app");
            _cache = Path.Join(feed.Root, name, "cache");
            _remote = remote;
            Directory.CreateDirectory(_app);
            File.WriteAllText(Path.Join(_app, "main.csx"), FloatingScript);
        }

        public ProcessResult Run(params string[] extra)
        {
            string[] remote = _remote is null ? [] : ["--remote", _remote];
            return CliHost.Run(
                _app,
                new Dictionary<string, string> { [ScriptCache.RemoteKeyVariable] = Key },
                ["run", "--cache-dir", _cache, "--base-dir", _app, .. remote, "--events", .. extra, Path.Join(_app, "main.csx")]);
        }

        /// <summary>When the floating version in this host's entry was resolved, as its manifest records it.</summary>
        public long ResolvedAtTicks()
        {
            var entry = CacheInventory.Scan(_cache).Single(e => e.Status == CacheEntryStatus.Valid);
            var bytes = File.ReadAllBytes(entry.EntryPath);
            Assert.That(EntryLayout.CheckData(bytes, CacheHeader.Read(bytes), out var manifest, out _), Is.Null);
            return manifest.Dependencies.Single(d => d.Kind == DependencyKind.Refresh).MtimeTicks;
        }

        /// <summary>The events a run named, as <c>kind</c> or <c>kind step</c>.</summary>
        public static string[] Events(ProcessResult result) =>
            [.. CliHost.LinesOf(result.StandardError)
                .Where(l => l.StartsWith("roslyn-bootsnap: ", StringComparison.Ordinal))
                .Select(l => l["roslyn-bootsnap: ".Length..])
                .Select(l => l.EndsWith(')') && l.LastIndexOf(" (", StringComparison.Ordinal) is var open and > 0
                    ? l.Split(' ')[0] + " " + l[(open + 2)..^1]
                    : l.Split(' ')[0])];
    }
}
