using System.Runtime.Versioning;
using System.Security;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling.Packages;

/// <summary>
/// A restore runs the SDK, and MSBuild runs whatever a project imports: these tests play another local user who
/// plants MSBuild files where a restore could find them (the shared temp dir and the parents of the restore's
/// project), and a host whose environment holds secrets, then run a real cold <c>#r "nuget:"</c> through the
/// command line and look for any trace of the planted code or the secrets.
/// </summary>
[Category("Process")]
[UnsupportedOSPlatform("windows")]
public sealed class PackageRestoreIsolationTests
{
    private const string RemoteKey = "remote-key-that-must-not-leak";
    private const string OtherSecret = "other-secret-that-must-not-leak";

    private static readonly UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static readonly string[] PlantedFiles =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "Directory.Build.rsp", "global.json"];

    private TempDirectory _root = null!;
    private PackageFeed _feed = null!;
    private string _scripts = null!;
    private string _shared = null!;

    [OneTimeSetUp]
    public void BuildFeed()
    {
        _root = new TempDirectory();
        _feed = new PackageFeed(_root.Combine("feed"));
        _feed.AddLibrary("Lib.B", "1.0.0", "namespace Lib.B; public static class Greeter { public static string Hello() => \"hello from b\"; }");
        File.SetUnixFileMode(_root.Path, Open);
    }

    [OneTimeTearDown]
    public void RemoveFeed() => _root.Dispose();

    [SetUp]
    public void SetUp()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to plant files as another user.");
        }

        // The scripts' own folder names the feed and a packages folder of its own, so every restore is cold.
        var name = TestContext.CurrentContext.Test.Name;
        _scripts = _root.Combine("scripts", name);
        Directory.CreateDirectory(_scripts);
        File.WriteAllText(Path.Join(_scripts, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{SecurityElement.Escape(Path.Join(_scripts, "packages"))}" /></config>
              <packageSources><clear /><add key="local" value="{SecurityElement.Escape(_feed.FeedDirectory)}" /></packageSources>
            </configuration>
            """);

        // A temp dir shared by every user, as /tmp is: world-writable and sticky.
        _shared = _root.Combine("shared", name);
        Directory.CreateDirectory(_shared);
        File.SetUnixFileMode(Path.GetDirectoryName(_shared)!, Open);
        File.SetUnixFileMode(_shared, (UnixFileMode)0x3FF); // 1777
    }

    /// <summary>
    /// Has the other user plant, in <paramref name="directory"/>, every file MSBuild and the dotnet host look for
    /// upwards: build props and targets and central package versions whose targets record that they ran and dump
    /// the environment, a response file that adds targets of its own, and a global.json that names an SDK of the
    /// other user's (one that cannot run: had it been chosen, the restore fails).
    /// </summary>
    private void Plant(string directory)
    {
        var staging = Staging();
        foreach (var file in PlantedFiles.Where(f => f.EndsWith("props", StringComparison.Ordinal) || f.EndsWith("targets", StringComparison.Ordinal)))
        {
            File.WriteAllText(Path.Join(staging, file), PlantedTargets(file));
        }

        File.WriteAllText(Path.Join(staging, "response.targets"), PlantedTargets("response"));
        File.WriteAllText(Path.Join(staging, "Directory.Build.rsp"), $"-p:CustomAfterMicrosoftCommonTargets={Path.Join(directory, "response.targets")}\n");
        File.WriteAllText(Path.Join(staging, "global.json"), $$"""{ "sdk": { "paths": ["{{Path.Join(directory, "sdks")}}"], "version": "10.0.999", "allowPrerelease": true } }""");
        File.WriteAllText(Path.Join(staging, "sdks", "sdk", "10.0.999", "dotnet.dll"), string.Empty);
        OtherUser.Shell(directory, $"cp -R '{staging}'/* .");
        Assert.That(PlantedFiles.Select(f => new FileInfo(Path.Join(directory, f)).Exists), Is.All.True, "planted");
    }

    /// <summary>A dir the other user can copy the plants from.</summary>
    private string Staging()
    {
        var staging = _root.Combine("staging", TestContext.CurrentContext.Test.Name);
        Directory.CreateDirectory(Path.Join(staging, "sdks", "sdk", "10.0.999"));
        File.SetUnixFileMode(Path.GetDirectoryName(staging)!, Open);
        foreach (var directory in new[] { staging, Path.Join(staging, "sdks"), Path.Join(staging, "sdks", "sdk"), Path.Join(staging, "sdks", "sdk", "10.0.999") })
        {
            File.SetUnixFileMode(directory, Open);
        }

        return staging;
    }

    /// <summary>
    /// A project file whose target, named for it, runs before any other: it leaves a marker and the environment.
    /// </summary>
    private string PlantedTargets(string what)
    {
        var marker = Path.Join(_shared, "ran-" + what);
        var target = "Planted" + what.Replace(".", string.Empty, StringComparison.Ordinal);
        return $"""
            <Project InitialTargets="{target}">
              <Target Name="{target}">
                <Exec Command="touch '{marker}'; env &gt; '{marker}.env'" />
              </Target>
            </Project>
            """;
    }

    private string Script()
    {
        var path = Path.Join(_scripts, "uses-package.csx");
        File.WriteAllText(path, "#r \"nuget: Lib.B, 1.0.0\"\nWriteLine(\"ran: \" + Lib.B.Greeter.Hello());\n");
        return path;
    }

    private Dictionary<string, string> SecretEnvironment() => new()
    {
        ["TMPDIR"] = _shared,
        ["ROSLYN_BOOTSNAP_REMOTE_KEY"] = RemoteKey,
        ["DEPLOY_TOKEN"] = OtherSecret,
    };

    private ProcessResult Run(IReadOnlyDictionary<string, string> environment, string script) =>
        CliHost.Run(_scripts, environment, "run", "--cache-dir", Path.Join(_shared, "cache"), "--events", script);

    /// <summary>Every file under the shared dir that holds one of the secrets.</summary>
    private List<string> FilesHoldingSecrets() =>
        [.. Directory.EnumerateFiles(_shared, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => new FileInfo(f).LinkTarget is null)
            .Where(f => File.ReadAllText(f) is var text && (text.Contains(RemoteKey, StringComparison.Ordinal) || text.Contains(OtherSecret, StringComparison.Ordinal)))];

    private List<string> Markers() => [.. Directory.EnumerateFiles(_shared, "ran-*").Select(f => Path.GetFileName(f))];

    [Test]
    public void Restore_BuildFilesPlantedInSharedTempAndParents_NoneImportedAndNothingLeaks()
    {
        // The shared temp dir is also the parent of the cache dir: the plants sit in both places a walk up could reach.
        Plant(_shared);
        var script = Script();

        var result = Run(SecretEnvironment(), script);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines("ran:"), Is.EqualTo(new[] { "hello from b" }), "restored despite the planted global.json");
        Assert.That(Markers(), Is.Empty, "no planted build file was imported");
        Assert.That(FilesHoldingSecrets(), Is.Empty);
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Join(_shared, "cache", ".restore")), Is.Empty, "the restore's dir is removed");
        Assert.That(Directory.EnumerateDirectories(_shared, "roslyn-bootsnap-restore-*"), Is.Empty, "nothing restored in the shared temp dir");
    }

    [Test]
    public void Restore_RunFromSharedDirHoldingPlantedGlobalJson_UsesTheInstalledSdk()
    {
        // The dotnet host picks its SDK by the global.json above its working directory: the one a user ran the
        // script from, here the shared dir.
        Plant(_shared);
        var script = Script();
        var environment = SecretEnvironment();
        environment["HOME"] = _scripts;

        var result = CliHost.Run(_shared, environment, "run", "--cache-dir", Path.Join(_scripts, "cache"), "--events", script);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines("ran:"), Is.EqualTo(new[] { "hello from b" }), "restored with the installed SDK");
        Assert.That(Markers(), Is.Empty);
        Assert.That(FilesHoldingSecrets(), Is.Empty);
    }

    [Test]
    public void Restore_CacheDirWritableByOthers_WorksInTheDefaultCacheDirInstead()
    {
        // A cache dir shared by everyone, where the other user has linked the restore's work area to a dir of theirs
        // holding build files.
        var cache = Path.Join(_shared, "cache");
        Directory.CreateDirectory(cache);
        File.SetUnixFileMode(cache, (UnixFileMode)0x3FF);
        var theirs = Path.Join(_shared, "theirs");
        Directory.CreateDirectory(theirs);
        File.SetUnixFileMode(theirs, (UnixFileMode)0x3FF);
        Plant(theirs);
        OtherUser.Shell(cache, $"ln -s '{theirs}' .restore");
        var planted = Directory.EnumerateFileSystemEntries(theirs).Count();
        var script = Script();

        var result = Run(SecretEnvironment(), script);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines("ran:"), Is.EqualTo(new[] { "hello from b" }));
        Assert.That(Directory.EnumerateFileSystemEntries(theirs).Count(), Is.EqualTo(planted), "nothing made in the other user's dir");
        Assert.That(Markers(), Is.Empty);
        Assert.That(FilesHoldingSecrets(), Is.Empty);

        // The command line's home is the scripts' dir.
        Assert.That(Directory.Exists(Path.Join(_scripts, ".cache", "roslyn-bootsnap", ".restore")), Is.True, "restored in the default cache dir");
    }

    [Test]
    public void Restore_EnvironmentNamesPlantedTargets_NotHonouredAndSecretsNotPassedOn()
    {
        // Only targets that the environment names, nothing a walk up would find.
        var staging = Staging();
        File.WriteAllText(Path.Join(staging, "named.targets"), PlantedTargets("named"));
        OtherUser.Shell(_shared, $"cp '{staging}/named.targets' .");
        var script = Script();

        // A dotnet that writes down what it was started with, then runs the real one.
        var host = _root.Combine("host", TestContext.CurrentContext.Test.Name);
        Directory.CreateDirectory(Path.Join(host, "sdk", "10.0.100"));
        var dotnet = Path.Join(host, "dotnet");
        File.WriteAllText(dotnet, $"#!/bin/sh\nenv > '{host}/env'\npwd > '{host}/cwd'\nexec '{RealDotnet()}' \"$@\"\n");
        File.SetUnixFileMode(dotnet, Open);
        var environment = SecretEnvironment();
        environment["ROSLYN_BOOTSNAP_DOTNET"] = dotnet;
        foreach (var variable in new[] { "CustomBeforeMicrosoftCommonProps", "CustomAfterMicrosoftCommonProps", "CustomBeforeMicrosoftCommonTargets", "CustomAfterMicrosoftCommonTargets" })
        {
            environment[variable] = Path.Join(_shared, "named.targets");
        }

        var result = Run(environment, script);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines("ran:"), Is.EqualTo(new[] { "hello from b" }));
        Assert.That(Markers(), Is.Empty, "the targets the environment named were not imported");
        Assert.That(FilesHoldingSecrets(), Is.Empty);
        var seen = File.ReadAllLines(Path.Join(host, "env")).Select(l => l.Split('=')[0]).ToList();
        Assert.That(seen, Has.None.StartsWith("ROSLYN_BOOTSNAP_").And.None.StartsWith("Custom").And.None.EqualTo("DEPLOY_TOKEN"));
        Assert.That(File.ReadAllText(Path.Join(host, "env")), Does.Not.Contain(RemoteKey).And.Not.Contain(OtherSecret));
        var cwd = File.ReadAllText(Path.Join(host, "cwd")).Trim();
        Assert.That(cwd, Does.StartWith(Path.Join(_shared, "cache", ".restore") + "/"), "run in its private dir");
        var temp = File.ReadAllLines(Path.Join(host, "env")).Single(l => l.StartsWith("TMPDIR=", StringComparison.Ordinal))["TMPDIR=".Length..];
        Assert.That(temp, Does.StartWith(cwd + "/"), "its temp dir is private too");
    }

    /// <summary>The dotnet host with the SDK, links resolved: the one a restore would use.</summary>
    private static string RealDotnet()
    {
        var dotnet = TestHost.Dotnet;
        return new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet;
    }
}
