using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary>
/// The container route: root installs the tool with <c>--tool-path</c>, as an image's build does, and the image's
/// non-root user runs it. Root ignores permission bits, so only another uid proves that user can.
/// </summary>
[Platform(Include = "Linux")]
[SupportedOSPlatform("linux")]
public sealed class ToolInstallTests
{
    /// <summary>Packing and installing take minutes on a busy machine.</summary>
    private static readonly TimeSpan Bounded = TimeSpan.FromMinutes(15);

    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private TempDirectory _temp = null!;

    private static string RepositoryRoot => typeof(ToolInstallTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    [Category("Process")]
    public void Install_ByRootWithToolPath_TheDocumentedLineLetsAnotherUserRunIt()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to act as another user.");
        }

        File.SetUnixFileMode(_temp.Path, Traversable);
        var feed = _temp.Combine("feed");
        var tools = _temp.Combine("tools");
        var config = _temp.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="feed" value="{feed}" /></packageSources>
            </configuration>
            """);
        // The platform's own package, as the default pack makes it (its command is the apphost it carries), without
        // ReadyToRun, which changes no file mode and would take minutes more.
        var rid = "linux-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        Shell($"'{TestHost.Dotnet}' pack '{Path.Join(RepositoryRoot, "src", "RoslynBootsnap.Cli")}' -p:PackRidSpecific=true -p:ToolPackageRuntimeIdentifiers={rid} -p:PublishReadyToRun=false -o '{feed}' --nologo");

        // docs/cli.md, the container route: the install line, then the chmod that lets the image's USER run it.
        Shell($"umask 022 && '{TestHost.Dotnet}' tool install --tool-path '{tools}' --configfile '{config}' RoslynBootsnap.Cli && chmod -R a+rX '{tools}'");

        var home = _temp.Combine("home");
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, Traversable | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        var script = _temp.Write("hello.csx", "WriteLine(\"hello \" + Environment.UserName);");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        // Through env, which runs as the other user already: setpriv keeps root's capabilities up to its own exec,
        // and would run a command only root may.
        var info = ChildProcess.StartInfo("setpriv", [.. TestHost.AsNobody, "/usr/bin/env", Path.Join(tools, "roslyn-bootsnap"), "run", script], _temp.Path);
        info.Environment["HOME"] = home;
        info.Environment["ROSLYN_BOOTSNAP_CACHE_DIR"] = Path.Join(home, "cache");
        info.Environment[CompileServer.NoServerVariable] = "1";

        var result = ChildProcess.Run(info, Bounded);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.StartWith("hello "), result.ToString());
        Assert.That(Directory.Exists(Path.Join(home, "cache")), Is.True, "the other user ran it and wrote a cache of its own");
    }

    private void Shell(string command)
    {
        var result = ChildProcess.Run(ChildProcess.StartInfo("/bin/sh", ["-c", command], _temp.Path), Bounded);
        Assert.That(result.ExitCode, Is.Zero, $"{command}{Environment.NewLine}{result}");
    }
}
