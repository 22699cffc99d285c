using RoslynBootsnap.Caching;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

/// <summary>
/// Many real processes on one cache dir at once: every output is right, every entry ends up valid, no temp file is
/// left and no reader ever sees half an entry.
/// </summary>
public sealed partial class ScriptCacheTests
{
    private const int ConcurrentProcesses = 8;

    /// <summary>Stale steps that only a torn (half-written or mixed) entry can cause.</summary>
    private static readonly string[] TornSteps = ["checksum", "data-size", "read-header", "manifest", "open-entry", "read-entry"];

    private static readonly TimeSpan HostTimeout = TimeSpan.FromMinutes(3);

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public void Load_EightProcessesFiftyScriptsOnEmptyCache_AllCorrectAllEntriesValidNoTornReads()
    {
        const int scriptCount = 50;
        var scripts = WriteNumberedScripts(scriptCount);

        var runs = RunTogether(Enumerable.Repeat<string[]>([_temp.CacheDirectory, .. scripts], ConcurrentProcesses));

        var expected = Enumerable.Range(0, scriptCount).Select(NumberedResult).ToArray();
        foreach (var run in runs)
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Lines("result:"), Is.EqualTo(expected), run.ToString());
            Assert.That(run.Lines("event:"), Has.Count.EqualTo(scriptCount).And.All.AnyOf("miss", "hit"), run.ToString());
        }

        var events = runs.SelectMany(r => r.Lines("event:")).ToList();
        var torn = CountTorn(events);
        var entries = CacheInventory.Scan(_temp.CacheDirectory).ToList();
        var tempFiles = TempFilesIn(_temp.CacheDirectory);
        TestContext.Progress.WriteLine(
            $"concurrency: {ConcurrentProcesses} processes x {scriptCount} scripts = {runs.Sum(r => r.Lines("result:").Count)} loads, "
            + $"{events.Count(e => e == "miss")} compiles, {events.Count(e => e == "hit")} hits, wrong outputs 0, torn reads {torn}, "
            + $"entries valid {entries.Count(e => e.Status == CacheEntryStatus.Valid)}/{entries.Count}, temp files left {tempFiles}");

        Assert.That(torn, Is.Zero);
        Assert.That(entries, Has.Count.EqualTo(scriptCount));
        Assert.That(entries.Select(e => e.Status), Is.All.EqualTo(CacheEntryStatus.Valid));
        Assert.That(tempFiles, Is.Zero);
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public void PrecompileAndLoad_MixedProcessesWhileScriptIsEditedBetweenRounds_NeverServeOldOutput()
    {
        const int scriptCount = 20;
        const int rounds = 4;
        var scripts = WriteNumberedScripts(scriptCount);
        var edited = scripts[0];

        // Round 0 starts cold. Each later round first edits script 0 in another way that copies and editors produce: a new
        // size, then the same size with the old mtime put back (cp -p, rsync -t), then the same size and a new mtime.
        string[] versions = ["s0=0", "edit:one", "edit:two", "edit:333"];
        var loads = 0;
        var oldOutputs = 0;
        var allEvents = new List<string>();
        for (var round = 0; round < rounds; round++)
        {
            if (round > 0)
            {
                var mtime = File.GetLastWriteTimeUtc(edited);
                File.WriteAllText(edited, $"\"{versions[round]}\"");
                File.SetLastWriteTimeUtc(edited, round == 2 ? mtime : mtime.AddSeconds(1));
            }

            var arguments = Enumerable.Range(0, ConcurrentProcesses)
                .Select(p => p % 2 == 0 ? (string[])["--precompile", _temp.CacheDirectory, .. scripts] : [_temp.CacheDirectory, .. scripts]);
            var runs = RunTogether(arguments);

            string[] expected = [versions[round], .. Enumerable.Range(1, scriptCount - 1).Select(NumberedResult)];
            for (var p = 0; p < runs.Count; p++)
            {
                var run = runs[p];
                Assert.That(run.ExitCode, Is.Zero, run.ToString());
                if (p % 2 == 0)
                {
                    Assert.That(run.Lines("precompiled:"), Is.EqualTo(Enumerable.Repeat("True", scriptCount)), run.ToString());
                    continue;
                }

                var results = run.Lines("result:");
                loads += results.Count;
                oldOutputs += results.Take(1).Count(r => r != versions[round]);
                Assert.That(results, Is.EqualTo(expected), $"round {round}: {run}");
            }

            allEvents.AddRange(runs.SelectMany(r => r.Lines("event:")));
        }

        var torn = CountTorn(allEvents);
        var entries = CacheInventory.Scan(_temp.CacheDirectory).ToList();
        var tempFiles = TempFilesIn(_temp.CacheDirectory);
        TestContext.Progress.WriteLine(
            $"concurrency mix: {ConcurrentProcesses} processes ({ConcurrentProcesses / 2} precompile, {ConcurrentProcesses / 2} load) x "
            + $"{scriptCount} scripts x {rounds} rounds, {rounds - 1} edits: {loads} loads, old outputs after an edit {oldOutputs}, "
            + $"torn reads {torn}, stale {allEvents.Count(e => e.StartsWith("stale", StringComparison.Ordinal))}, "
            + $"entries valid {entries.Count(e => e.Status == CacheEntryStatus.Valid)}/{entries.Count}, temp files left {tempFiles}");

        Assert.That(oldOutputs, Is.Zero);
        Assert.That(torn, Is.Zero);
        Assert.That(allEvents, Has.All.Matches<string>(e => e is "miss" or "hit" or "stale source-size" or "stale source-content"));
        Assert.That(entries.Select(e => e.Status), Is.All.EqualTo(CacheEntryStatus.Valid));
        Assert.That(tempFiles, Is.Zero);
    }

    private static string NumberedResult(int i) => $"s{i}={i * i}";

    private string[] WriteNumberedScripts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => _temp.Write($"scripts/s{i:00}.csx", $"var n = {i};\n$\"s{{n}}={{n * n}}\""))];

    private static int CountTorn(IEnumerable<string> events) =>
        events.Count(e => TornSteps.Any(step => e == "stale " + step));

    private static int TempFilesIn(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*" + CacheFile.TempMarker + "*", SearchOption.AllDirectories).Length
            : 0;

    /// <summary>
    /// Starts one host per argument list, waits until every one of them is up and waiting, then lets them all go
    /// at once and collects what each printed. Every host is killed if anything goes wrong.
    /// </summary>
    private List<ProcessResult> RunTogether(IEnumerable<string[]> argumentsPerHost)
    {
        var go = _temp.Combine("go-" + Guid.NewGuid().ToString("N"));
        var hosts = new List<RunningHost>();
        try
        {
            foreach (var arguments in argumentsPerHost)
            {
                hosts.Add(TestHost.Launch(["--wait-for", go, .. arguments]));
            }

            foreach (var host in hosts)
            {
                host.WaitForLine("ready", HostTimeout);
            }

            File.WriteAllText(go, string.Empty);
            return [.. hosts.Select(h => h.WaitForExit(HostTimeout))];
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }
    }
}
