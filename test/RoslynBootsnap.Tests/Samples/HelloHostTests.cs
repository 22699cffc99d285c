using System.Reflection;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Samples;

/// <summary>The HelloHost sample and the command-line example the README runs on its scripts.</summary>
public sealed class HelloHostTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static string ScriptDirectory => Assembly.Load("HelloHost")
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ScriptDirectory").Value!;

    [Test]
    public void ScriptDirectory_IsTheSourceFolderTheReadmeNames()
    {
        Assert.That(ScriptDirectory.Replace('\\', '/'), Does.EndWith("samples/HelloHost/scripts"));
        Assert.That(File.Exists(Path.Combine(ScriptDirectory, "hello.csx")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "scripts")), Is.False, "no copy of the scripts beside the binaries");
    }

    [Test]
    [Category("Process")]
    public void Main_NoArguments_LoadsEachSourceScriptThenHits()
    {
        var environment = new Dictionary<string, string> { [ScriptCache.CacheDirectoryVariable] = _temp.CacheDirectory };

        var first = RunHost(environment);
        var second = RunHost(environment);

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(CliHost.LinesOf(first.StandardOutput), Has.Some.Match(@"^hello\.csx: miss in .* -> 5 words$"), first.ToString());
        Assert.That(CliHost.LinesOf(second.StandardOutput), Has.Some.Match(@"^hello\.csx: hit in "), second.ToString());
        Assert.That(CliHost.LinesOf(second.StandardOutput), Has.Some.Match(@"^primes\.csx: hit in "), second.ToString());
    }

    [Test]
    [Category("Process")]
    public void Cli_ReadmeExample_ExitsZero()
    {
        var hello = Path.Combine(ScriptDirectory, "hello.csx");

        var result = CliHost.Run(_temp.Path, "run", "--cache-dir", _temp.CacheDirectory, hello, "--events");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[] { "Hello from a cached script" }));
        Assert.That(CliHost.LinesOf(result.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {hello}" }));
    }

    private ProcessResult RunHost(IReadOnlyDictionary<string, string> environment)
    {
        var info = ChildProcess.StartInfo(TestHost.Dotnet, [Path.Combine(AppContext.BaseDirectory, "HelloHost.dll")], _temp.Path);
        info.Environment.Remove(ScriptCache.ReadOnlyVariable);
        info.Environment.Remove(ScriptCache.DisableVariable);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return ChildProcess.Run(info);
    }
}
