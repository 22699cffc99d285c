namespace RoslynBootsnap.Tests.Server;

public sealed class CompileServerOptionsTests
{
    [Test]
    public void Defaults_TenIdleMinutesAndBoundedCompile()
    {
        var options = new CompileServerOptions { FileName = "roslyn-bootsnap" };

        Assert.That(options.IdleTimeout, Is.EqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(options.CompileTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(options.Arguments, Is.Empty);
    }

    [Test]
    public void ScriptCacheOptions_ByDefault_NameNoServer() =>
        Assert.That(new ScriptCacheOptions().Server, Is.Null);

    [Test]
    public void Timeouts_NotPositive_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CompileServerOptions { FileName = "x", IdleTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CompileServerOptions { FileName = "x", CompileTimeout = TimeSpan.FromSeconds(-1) });
    }

    [Test]
    public void Arguments_AreCopied()
    {
        var arguments = new List<string> { "server", "run" };
        var options = new CompileServerOptions { FileName = "x", Arguments = arguments };

        arguments.Add("more");

        Assert.That(options.Arguments, Is.EqualTo(new[] { "server", "run" }));
    }
}
