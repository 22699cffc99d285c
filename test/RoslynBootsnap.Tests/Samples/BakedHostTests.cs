using System.Reflection;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Samples;

/// <summary>
/// The BakedHost sample: published with its scripts' cache baked in, it references the core alone, ships no
/// compiler, NuGet or Redis, and runs its scripts, wherever its folder is copied.
/// </summary>
[Category("Process")]
public sealed class BakedHostTests
{
    private static readonly string[] Forbidden = ["Microsoft.CodeAnalysis", "NuGet.", "Newtonsoft.Json", "StackExchange.Redis"];

    private TempDirectory _temp = null!;
    private string _published = null!;

    private static string RepositoryRoot => typeof(BakedHostTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [OneTimeSetUp]
    public void Publish()
    {
        _temp = new TempDirectory();
        _published = _temp.Combine("published");
        var info = ChildProcess.StartInfo(
            TestHost.Dotnet,
            ["publish", Path.Join(RepositoryRoot, "samples", "BakedHost"), "-c", "Release", "-o", _published, "--nologo"],
            RepositoryRoot);
        var result = ChildProcess.Run(info, TimeSpan.FromMinutes(10));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [OneTimeTearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Publish_Output_HasTheCoreAndNoCompilerNuGetOrRedis()
    {
        var files = Directory.GetFiles(_published).Select(Path.GetFileName).ToList();

        Assert.That(files, Has.Member("RoslynBootsnap.Core.dll"));
        Assert.That(files, Has.None.EqualTo("RoslynBootsnap.dll").And.None.EqualTo("RoslynBootsnap.Compiler.dll").And.None.EqualTo("RoslynBootsnap.Packages.dll"));
        foreach (var family in Forbidden)
        {
            Assert.That(files, Has.None.StartsWith(family), family);
        }

        Assert.That(Directory.GetFiles(Path.Join(_published, "script-cache"), "*", SearchOption.AllDirectories), Is.Not.Empty, "the cache is baked at publish");
    }

    [Test]
    public void Run_Published_RunsEveryBakedScriptAndExitsZero()
    {
        var result = Run(_published);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Is.EqualTo(new[]
        {
            "Hello from a baked script",
            "hello.csx: 5 words",
            "primes.csx: [2,3,5,7,11,13,17,19,23,29]",
        }));
    }

    [Test]
    public void Run_PublishedFolderCopiedElsewhere_StillHitsEveryScript()
    {
        var copy = _temp.Combine("moved", "app");
        CopyTree(_published, copy);

        var result = Run(copy);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardOutput), Has.Member("primes.csx: [2,3,5,7,11,13,17,19,23,29]"));
    }

    [Test]
    public void Run_ScriptNotBaked_TypedErrorNamingTheCompilerItLacks()
    {
        var copy = _temp.Combine("extra", "app");
        CopyTree(_published, copy);
        var extra = Path.Join(copy, "scripts", "late.csx");
        File.WriteAllText(extra, "1 + 1");

        var result = Run(copy, extra);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.Contain("late.csx: not baked").And.Contain("RoslynBootsnap.Core alone"));
    }

    private ProcessResult Run(string app, params string[] arguments)
    {
        var info = ChildProcess.StartInfo(TestHost.Dotnet, [Path.Join(app, "BakedHost.dll"), .. arguments], _temp.Path);
        info.Environment.Remove(ScriptCache.ReadOnlyVariable);
        info.Environment.Remove(ScriptCache.DisableVariable);
        return ChildProcess.Run(info);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories).Prepend(from))
        {
            Directory.CreateDirectory(Path.Join(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Join(to, Path.GetRelativePath(from, file)));
        }
    }
}
