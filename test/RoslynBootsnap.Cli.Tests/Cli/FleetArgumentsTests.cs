using System.Text.Json;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

[Category("Process")]
public sealed class FleetArgumentsTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void PrecompileWithRemote_UploadsAndRunAtAnotherPathHitsRemote_StatsCountsIt()
    {
        using var redis = RedisServer.Start();
        var keyFile = _temp.Write("fleet.key", "fleet-signing-key-0123456789\n");
        var built = _temp.Write("build/app/job.csx", "WriteLine(6 * 7);");
        var deployed = _temp.Write("srv/app/job.csx", "WriteLine(6 * 7);");
        string[] remote = ["--remote", redis.Url, "--remote-key-file", keyFile];

        var precompile = Cli(["precompile", built, "--cache-dir", _temp.Combine("build", "cache"), "--base-dir", _temp.Combine("build", "app"), .. remote]);
        var run = Cli(["run", "--events", "--cache-dir", _temp.Combine("srv", "cache"), "--base-dir", _temp.Combine("srv", "app"), .. remote, deployed]);
        var stats = Cli("stats", "--json", "--cache-dir", _temp.Combine("srv", "cache"), "--remote", redis.Url);

        Assert.That(precompile.ExitCode, Is.Zero, precompile.ToString());
        Assert.That(precompile.StandardOutput, Does.Contain("1 compiled"));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput.Trim(), Is.EqualTo("42"));
        Assert.That(CliHost.LinesOf(run.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: remote-hit {deployed}" }));
        using var json = JsonDocument.Parse(stats.StandardOutput);
        var figures = json.RootElement.GetProperty("remote");
        Assert.That(figures.GetProperty("entries").GetInt64(), Is.EqualTo(1));
        Assert.That(figures.GetProperty("hits").GetInt64(), Is.EqualTo(1));
        Assert.That(figures.GetProperty("misses").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public void PrecompileWithRemote_EntryAlreadyCurrent_UploadsItSoAnotherPathHitsRemote()
    {
        using var redis = RedisServer.Start();
        var keyFile = _temp.Write("fleet.key", "fleet-signing-key-0123456789\n");
        var built = _temp.Write("build/app/warm.csx", "WriteLine(6 * 7);");
        var deployed = _temp.Write("srv/app/warm.csx", "WriteLine(6 * 7);");
        string[] build = ["--cache-dir", _temp.Combine("build", "cache"), "--base-dir", _temp.Combine("build", "app")];
        string[] remote = ["--remote", redis.Url, "--remote-key-file", keyFile];

        var local = Cli(["precompile", built, .. build]);
        var share = Cli(["precompile", built, .. build, .. remote]);
        var run = Cli(["run", "--events", "--cache-dir", _temp.Combine("srv", "cache"), "--base-dir", _temp.Combine("srv", "app"), .. remote, deployed]);

        Assert.That(local.StandardOutput, Does.Contain("1 compiled"), local.ToString());
        Assert.That(share.ExitCode, Is.Zero, share.ToString());
        Assert.That(share.StandardOutput, Does.Contain("1 up to date"), "nothing is compiled again to share it");
        Assert.That(run.StandardOutput.Trim(), Is.EqualTo("42"));
        Assert.That(CliHost.LinesOf(run.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: remote-hit {deployed}" }), run.ToString());
    }

    [Test]
    public void ScriptWithoutRun_RemoteOptions_SharesTheCompileWithRunAtAnotherPath()
    {
        using var redis = RedisServer.Start();
        var keyFile = _temp.Write("fleet.key", "fleet-signing-key-0123456789\n");
        var built = _temp.Write("build/app/job.csx", "WriteLine(6 * 7);");
        var deployed = _temp.Write("srv/app/job.csx", "WriteLine(6 * 7);");
        string[] remote = ["--remote", redis.Url, "--remote-key-file", keyFile, "--no-server"];

        var shortcut = Cli([.. remote, "--cache-dir", _temp.Combine("build", "cache"), "--base-dir", _temp.Combine("build", "app"), built]);
        var run = Cli(["run", .. remote, "--events", "--cache-dir", _temp.Combine("srv", "cache"), "--base-dir", _temp.Combine("srv", "app"), deployed]);

        Assert.That(shortcut.ExitCode, Is.Zero, shortcut.ToString());
        Assert.That(shortcut.StandardOutput.Trim(), Is.EqualTo("42"));
        Assert.That(redis.KeyCount, Is.Positive, "the shortcut wrote its compile to the remote tier");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(CliHost.LinesOf(run.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: remote-hit {deployed}" }), run.ToString());
    }

    [Test]
    public void ScriptWithoutRun_RemoteReadOnly_WritesNothingToTheRemote()
    {
        using var redis = RedisServer.Start();
        var keyFile = _temp.Write("fleet.key", "fleet-signing-key-0123456789\n");
        var script = _temp.Write("app/job.csx", "WriteLine(6 * 7);");

        var shortcut = Cli("--remote", redis.Url, "--remote-key-file", keyFile, "--remote-readonly", "--no-server", "--cache-dir", _temp.CacheDirectory, script);

        Assert.That(shortcut.ExitCode, Is.Zero, shortcut.ToString());
        Assert.That(shortcut.StandardOutput.Trim(), Is.EqualTo("42"));
        Assert.That(redis.KeyCount, Is.Zero);
    }

    [Test]
    public void Run_RemoteWithoutKey_WarnsOnStderrAndRuns()
    {
        using var redis = RedisServer.Start();
        var script = _temp.Write("a.csx", "WriteLine(1 + 1);");

        var run = Cli("run", "--cache-dir", _temp.CacheDirectory, "--remote", redis.Url, script);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput.Trim(), Is.EqualTo("2"));
        Assert.That(run.StandardError, Does.Contain("warning: the remote").And.Contain("no signing key"));
        Assert.That(redis.KeyCount, Is.Zero);
    }

    [Test]
    public void Stats_RemoteDown_ReportsItAndSucceeds()
    {
        var stats = Cli("stats", "--cache-dir", _temp.CacheDirectory, "--remote", "redis://127.0.0.1:3");

        Assert.That(stats.ExitCode, Is.Zero, stats.ToString());
        Assert.That(stats.StandardOutput, Does.Contain("remote:     redis://127.0.0.1:3 (unreadable:"));
    }

    private ProcessResult Cli(params string[] arguments) => CliHost.Run(_temp.Path, arguments);
}
