using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>
/// One class reads the environment: no other type of the core, the library or the command line calls
/// <see cref="Environment.GetEnvironmentVariable(string)"/> or <see cref="Environment.GetEnvironmentVariables()"/>.
/// </summary>
public sealed class EnvironmentReadTests
{
    private static readonly string[] Reader = ["RoslynBootsnap.ScriptEnvironment"];

    [TestCase(typeof(ScriptCache), TestName = "EnvironmentReads_InTheCore_AreOnlyScriptEnvironments")]
    [TestCase(typeof(global::RoslynBootsnap.Compiling.RoslynScriptCompiler), TestName = "EnvironmentReads_InTheCompiler_AreOnlyScriptEnvironments")]
    [TestCase(typeof(global::RoslynBootsnap.Compiling.Packages.PackageReferenceScheme), TestName = "EnvironmentReads_InThePackagesPart_AreOnlyScriptEnvironments")]
    [TestCase(typeof(global::RoslynBootsnap.Caching.Remote.RedisStoreProvider), TestName = "EnvironmentReads_InTheRedisPart_AreOnlyScriptEnvironments")]
    [TestCase(typeof(global::RoslynBootsnap.Cli.ExitCodes), TestName = "EnvironmentReads_InTheCommandLine_AreOnlyScriptEnvironments")]
    public void EnvironmentReads_InEachAssembly_AreOnlyScriptEnvironments(Type inAssembly) =>
        Assert.That(EnvironmentReadFinder.Find(inAssembly.Assembly.Location, Reader), Is.Empty);

    [Test]
    public void EnvironmentReads_InTheCore_IncludeScriptEnvironments() =>
        Assert.That(EnvironmentReadFinder.Find(typeof(ScriptCache).Assembly.Location, []), Has.Some.StartWith("RoslynBootsnap.ScriptEnvironment."));

    [Test]
    public void Find_AssemblyReadingTheEnvironmentInEachWay_NamesEveryReadOutsideTheReader()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("Reads.dll");
        TestAssembly.Build(path, """
            namespace RoslynBootsnap
            {
                public static class ScriptEnvironment
                {
                    public static string? Home() => System.Environment.GetEnvironmentVariable("HOME");
                    public static System.Func<string?> Later() => () => System.Environment.GetEnvironmentVariable("HOME");
                }

                public static class Direct { public static string? Read() => System.Environment.GetEnvironmentVariable("HOME"); }
                public static class Targeted { public static string? Read() => System.Environment.GetEnvironmentVariable("HOME", System.EnvironmentVariableTarget.Process); }
                public static class All { public static int Count() => System.Environment.GetEnvironmentVariables().Count; }
                public static class Group { public static System.Func<string, string?> Make() => System.Environment.GetEnvironmentVariable; }
                public static class Lambda { public static System.Func<string?> Make() => () => System.Environment.GetEnvironmentVariable("HOME"); }
                public static class Clean { public static string Name() => System.Environment.MachineName; }
            }
            """);

        var found = EnvironmentReadFinder.Find(path, Reader);

        Assert.That(found, Has.Some.EqualTo("RoslynBootsnap.Direct.Read: Environment.GetEnvironmentVariable"));
        Assert.That(found, Has.Some.EqualTo("RoslynBootsnap.Targeted.Read: Environment.GetEnvironmentVariable"));
        Assert.That(found, Has.Some.EqualTo("RoslynBootsnap.All.Count: Environment.GetEnvironmentVariables"));
        Assert.That(found, Has.Some.EqualTo("RoslynBootsnap.Group.Make: Environment.GetEnvironmentVariable"));
        Assert.That(found, Has.Some.StartWith("RoslynBootsnap.Lambda+"));
        Assert.That(found, Has.None.Contain("Clean"));
        Assert.That(found, Has.None.Contain("ScriptEnvironment"));
    }
}
