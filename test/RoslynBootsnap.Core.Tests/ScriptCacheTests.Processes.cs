using System.Runtime.Versioning;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

/// <summary>The behaviours of <see cref="ScriptCache"/> that only a separate process can show.</summary>
public sealed partial class ScriptCacheTests
{
    [Test]
    [Category("Process")]
    public void Load_WarmHitInChildProcess_LoadsNoCodeAnalysisAssembly()
    {
        var path = _temp.Write("warm.csx", "using System.Text.Json;\nJsonSerializer.Serialize(new[] { 1, 2 })");

        var cold = TestHost.Run("--assemblies", _temp.CacheDirectory, path);
        var warm = TestHost.Run("--assemblies", _temp.CacheDirectory, path);

        Assert.That(cold.Lines("event:"), Is.EqualTo(new[] { "miss" }), cold.ToString());
        Assert.That(cold.Lines("assembly:"), Has.Some.StartsWith("Microsoft.CodeAnalysis"), "the check must be able to see Roslyn");
        Assert.That(warm.Lines("event:"), Is.EqualTo(new[] { "hit" }), warm.ToString());
        Assert.That(warm.Lines("result:"), Is.EqualTo(new[] { "[1,2]" }));
        Assert.That(warm.Lines("assembly:"), Has.None.StartsWith("Microsoft.CodeAnalysis"), warm.ToString());

        // The core serves a hit alone: the parts that hold the compiler, NuGet and Redis are found on a miss only.
        Assert.That(cold.Lines("assembly:"), Has.Some.EqualTo("RoslynBootsnap.Compiler"), "the check must see the compiler part");
        Assert.That(
            warm.Lines("assembly:"),
            Has.None.StartsWith("RoslynBootsnap.Compiler").And.None.EqualTo("RoslynBootsnap.Packages").And.None.StartsWith("NuGet.").And.None.EqualTo("StackExchange.Redis"),
            warm.ToString());
    }

    [Test]
    [Category("Process")]
    public void Load_WarmHitInHostCatchingCompileErrors_LoadsNoCodeAnalysisAssembly()
    {
        // Hosts catch ScriptCompilationException around the load; the JIT then loads it and every type its
        // fields and members name, so the exception must name no Roslyn type.
        var path = _temp.Write("caught.csx", "6 * 7");
        var broken = _temp.Write("broken.csx", "var x = 1;\nundefinedThing + x");

        var cold = TestHost.Run("--catch-compile-errors", "--assemblies", _temp.CacheDirectory, path, broken);
        var warm = TestHost.Run("--catch-compile-errors", "--assemblies", _temp.CacheDirectory, path);

        Assert.That(cold.Lines("compile-error:"), Has.Some.StartsWith($"{broken}(2,1): error CS0103: "), cold.ToString());
        Assert.That(cold.Lines("assembly:"), Has.Some.StartsWith("Microsoft.CodeAnalysis"), "the check must be able to see Roslyn");
        Assert.That(warm.Lines("event:"), Is.EqualTo(new[] { "hit" }), warm.ToString());
        Assert.That(warm.Lines("result:"), Is.EqualTo(new[] { "42" }));
        Assert.That(warm.Lines("assembly:"), Has.None.StartsWith("Microsoft.CodeAnalysis"), warm.ToString());
    }

    [Test]
    [Category("Process")]
    public void LoadAsync_WarmHitThroughInstanceInChildProcess_LoadsNoRoslynLoggingOrTelemetry()
    {
        var path = _temp.Write("instance.csx", "6 * 7");

        var cold = TestHost.Run("--instance", "--assemblies", _temp.CacheDirectory, path);
        var warm = TestHost.Run("--instance", "--assemblies", _temp.CacheDirectory, path);

        Assert.That(cold.Lines("assembly:"), Has.Some.StartsWith("Microsoft.CodeAnalysis"), "the check must be able to see Roslyn");
        Assert.That(warm.Lines("event:"), Is.EqualTo(new[] { "hit" }), warm.ToString());
        Assert.That(warm.Lines("result:"), Is.EqualTo(new[] { "42" }));
        Assert.That(warm.Lines("assembly:"), Has.None.StartsWith("Microsoft.CodeAnalysis"), warm.ToString());
        Assert.That(
            warm.Lines("assembly:"),
            Has.None.AnyOf("Microsoft.Extensions.Logging.Abstractions", "System.Diagnostics.DiagnosticSource", "System.Diagnostics.Tracing"),
            "a cache built without factories names none on its warm path");
    }

    [Test]
    [Category("Process")]
    public void Load_WarmHitInChildProcess_LoadsNoLoggingTelemetryOrConcurrentCollections()
    {
        var path = _temp.Write("lean.csx", "6 * 7");
        TestHost.Run(_temp.CacheDirectory, path);

        var warm = TestHost.Run("--assemblies", _temp.CacheDirectory, path);

        // Each of these costs a warm start an assembly load and JIT work: the logger only matters when a host
        // sets one, telemetry is created a second after the first load, and the entry locks are plain ones.
        Assert.That(warm.Lines("event:"), Is.EqualTo(new[] { "hit" }), warm.ToString());
        Assert.That(warm.Lines("assembly:"), Has.Some.EqualTo("RoslynBootsnap.Core"), "the check must see the core's own load");
        Assert.That(
            warm.Lines("assembly:"),
            Has.None.AnyOf(
                "Microsoft.Extensions.Logging.Abstractions",
                "System.Diagnostics.Tracing",
                "System.Diagnostics.DiagnosticSource",
                "System.Collections.Concurrent"),
            warm.ToString());
    }

    [Test]
    [Category("Process")]
    public void Load_HostStillLoadingAfterTheTelemetryDelay_CreatesEventSource()
    {
        var path = _temp.Write("long.csx", "6 * 7");

        var run = TestHost.Run("--linger", _temp.CacheDirectory, path);

        Assert.That(run.Lines("telemetry:"), Is.EqualTo(new[] { "created" }), run.ToString());
    }

    [Test]
    [Category("Process")]
    [UnsupportedOSPlatform("windows")]
    public void Load_UnwritableCacheDirForUnprivilegedUser_RunsAndReportsWriteFailed()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to run the child as an unprivileged user.");
        }

        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_temp.Path, open);
        Directory.CreateDirectory(_temp.CacheDirectory, open);
        var path = _temp.Write("ro.csx", "6 * 7");

        var run = TestHost.RunAsNobody(_temp, _temp.CacheDirectory, path);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Lines("result:"), Is.EqualTo(new[] { "42" }), run.ToString());
        Assert.That(run.Lines("event:"), Is.EqualTo(new[] { "miss", "write-failed create-temp" }).Or.EqualTo(new[] { "miss", "write-failed mkdir" }), run.ToString());
        Assert.That(Directory.EnumerateFileSystemEntries(_temp.CacheDirectory), Is.Empty);
    }

    [Test]
    [Category("Process")]
    [UnsupportedOSPlatform("windows")]
    public void Load_ReadOnlyModeOnReadOnlyEntriesAsUnprivilegedUser_ServesAndWritesNothing()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to run the child as an unprivileged user.");
        }

        const UnixFileMode readOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        const UnixFileMode readOnlyFile = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(_temp.Path, readOnlyDirectory | UnixFileMode.UserWrite);
        var hit = _temp.Write("hit.csx", "\"hit\"");
        var touched = _temp.Write("touched.csx", "\"touched\"");
        var missing = _temp.Write("missing.csx", "\"compiled in memory\"");
        ScriptCache.Precompile(hit, Options);
        ScriptCache.Precompile(touched, Options);
        FileTimes.Touch(touched);
        foreach (var directory in Directory.GetDirectories(_temp.CacheDirectory, "*", SearchOption.AllDirectories).Append(_temp.CacheDirectory))
        {
            File.SetUnixFileMode(directory, readOnlyDirectory);
            foreach (var file in Directory.GetFiles(directory))
            {
                File.SetUnixFileMode(file, readOnlyFile);
            }
        }

        var before = Snapshot(_temp.CacheDirectory);
        var run = TestHost.RunAsNobody(
            _temp,
            new Dictionary<string, string> { [ScriptCache.ReadOnlyVariable] = "1" },
            _temp.CacheDirectory,
            hit,
            touched,
            missing);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Lines("event:"), Is.EqualTo(new[] { "hit", "revalidated", "miss" }), run.ToString());
        Assert.That(run.Lines("result:"), Is.EqualTo(new[] { "hit", "touched", "compiled in memory" }));
        Assert.That(Snapshot(_temp.CacheDirectory), Is.EqualTo(before));
    }
}
