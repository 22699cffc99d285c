using System.Security.Cryptography;
using System.Text;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary><c>roslyn-bootsnap run http://.../x.csx</c> against a local HTTP server, as a real child process.</summary>
[Category("Process")]
public sealed class RunFromUrlTests
{
    private const string Script = "WriteLine(\"from the web \" + string.Join(\"|\", Args));";

    private TempDirectory _temp = null!;
    private ScriptWebServer _server = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _server = new ScriptWebServer();
    }

    [TearDown]
    public void TearDown()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private ProcessResult Run(params string[] args) => CliHost.Run(_temp.Path, ["run", "--cache-dir", _temp.CacheDirectory, .. args]);

    [Test]
    public void Run_UrlWithMatchingSha256_RunsThenServesFromTheCacheWithoutDownloading()
    {
        _server.Serve("x.csx", Script);

        var first = Run(_server.Url("x.csx"), "--sha256", Sha256(Script).ToUpperInvariant(), "--", "a", "b");
        var requests = _server.Requests;
        var second = Run("--events", _server.Url("x.csx"), "--sha256", Sha256(Script));

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(CliHost.LinesOf(first.StandardOutput), Is.EqualTo(new[] { "from the web a|b" }));
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(CliHost.LinesOf(second.StandardOutput), Is.EqualTo(new[] { "from the web " }));
        Assert.That(second.StandardError, Does.Contain("roslyn-bootsnap: hit "), "kept by content, its entry too");
        Assert.That(_server.Requests, Is.EqualTo(requests), "a pinned digest already kept is not downloaded again");
        Assert.That(File.Exists(Path.Join(_temp.CacheDirectory, "downloads", Sha256(Script) + ".csx")), Is.True);
    }

    [Test]
    public void Run_UrlWithOtherSha256_RunsNothingAndExitsThree()
    {
        _server.Serve("x.csx", Script);

        var result = Run(_server.Url("x.csx"), "--sha256", Sha256("something else"));

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(result.StandardError, Does.Contain(Sha256(Script)));
    }

    [Test]
    public void Run_UrlWithoutDigestOrTrust_UsageErrorAndNoDownload()
    {
        _server.Serve("x.csx", Script);

        var result = Run(_server.Url("x.csx"));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("--sha256").And.Contain("--trust-url"));
        Assert.That(_server.Requests, Is.Zero);
    }

    [Test]
    public void Run_UrlTrustedThroughARedirect_RunsInTheScriptPathFormToo()
    {
        _server.Serve("x.csx", Script);
        _server.Redirect("latest.csx", "x.csx");

        var result = CliHost.Run(_temp.Path, "--cache-dir", _temp.CacheDirectory, "--trust-url", _server.Url("latest.csx"), "c");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[] { "from the web c" }));
    }

    [Test]
    public void Run_UrlRedirectingInALoop_StopsAtTheLimitAndExitsThree()
    {
        _server.Redirect("a.csx", "b.csx");
        _server.Redirect("b.csx", "a.csx");

        var result = Run("--trust-url", _server.Url("a.csx"));

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StandardError, Does.Contain("redirected"));
        Assert.That(_server.Requests, Is.EqualTo(6), "the first request and five redirects");
    }

    [Test]
    public void Run_UrlLargerThanTheCap_ExitsThreeNamingTheLimit()
    {
        _server.Serve("big.csx", "//" + new string('x', 16 * 1024 * 1024));

        var result = Run("--trust-url", _server.Url("big.csx"));

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StandardError, Does.Contain("16 MiB"));
    }

    [Test]
    public void Run_UrlNotFound_ExitsThreeWithTheStatus()
    {
        var result = Run("--trust-url", _server.Url("missing.csx"));

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StandardError, Does.Contain("404"));
    }
}
