using System.Runtime.Versioning;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

/// <summary>
/// A cache built under one base directory and copied, with its scripts, to another: it serves hits there with
/// nothing compiled, for another user and on a read-only file system too.
/// </summary>
public sealed partial class ScriptCacheTests
{
    [Test]
    [Category("Process")]
    public async Task Load_PrecompiledCacheCopiedToAnotherBase_HitsWithoutCompiling()
    {
        var (script, _) = PrecompileRelocatable();
        var moved = CopyTree("build", "srv");

        var result = await LoadAndRun(Path.Join(moved, "app", script), RelocatedOptions(moved));

        Assert.That(result, Is.EqualTo("util:42:outside"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
    }

    [Test]
    [Category("Process")]
    public async Task Load_RelocatedLoadedFileEdited_StaleFromTheNewBase()
    {
        var (script, _) = PrecompileRelocatable();
        var moved = CopyTree("build", "srv");
        FileTimes.Rewrite(Path.Join(moved, "app", "lib", "util.csx"), "string Util() => \"UTIL\";");

        var result = await LoadAndRun(Path.Join(moved, "app", script), RelocatedOptions(moved));

        Assert.That(result, Is.EqualTo("UTIL:42:outside"));
        Assert.That(_events.Events.Select(e => e.ToString()), Is.EqualTo(new[] { $"stale {Path.Join(moved, "app", script)} (dependency)" }));
    }

    [Test]
    [Category("Process")]
    public async Task Load_RelocatedReferenceOutsideBaseRebuilt_StaleBecauseItStaysAbsolute()
    {
        var (script, reference) = PrecompileRelocatable();
        var moved = CopyTree("build", "srv");
        AssemblyBuilder.Build(reference, "Outside", "public static class Outside { public static string Name => \"rebuilt\"; }");

        var result = await LoadAndRun(Path.Join(moved, "app", script), RelocatedOptions(moved));

        Assert.That(result, Is.EqualTo("util:42:rebuilt"));
        Assert.That(_events.Events.Single().Step, Is.EqualTo(CacheSteps.Dependency));
    }

    [Test]
    [Category("Process")]
    public async Task Load_WithoutBaseDirectory_RelocatedCacheMisses()
    {
        var (script, _) = PrecompileRelocatable();
        var moved = CopyTree("build", "srv");

        await LoadAndRun(Path.Join(moved, "app", script), RelocatedOptions(moved) with { Fleet = new() });

        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss }), "entries are keyed by full path without a base");
    }

    [Test]
    [Category("Process")]
    [UnsupportedOSPlatform("windows")]
    public async Task Load_RelocatedCacheOnReadOnlyMount_HitsAndWritesNothing()
    {
        var (script, _) = PrecompileRelocatable();
        var moved = CopyTree("build", "srv");
        var before = TreeSnapshot(moved);
        using var mount = Mount.TryReadOnly(moved, out var why) ?? IgnoreFor<Mount>(why);

        var result = await LoadAndRun(Path.Join(moved, "app", script), RelocatedOptions(moved));

        Assert.That(result, Is.EqualTo("util:42:outside"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
        Assert.That(TreeSnapshot(moved), Is.EqualTo(before));
    }

    [Test]
    [Category("Process")]
    [UnsupportedOSPlatform("windows")]
    public void Load_RelocatedCacheOwnedByAnotherUser_HitsInTheirProcess()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to run as another user.");
        }

        var (script, _) = PrecompileRelocatable();
        var moved = CopyTree("build", "srv");
        Run("chown", "-R", $"{TestHost.NobodyId}:{TestHost.NobodyId}", moved);
        OtherUser.ShareDirectory(_temp.Path, _temp.Path);

        var run = TestHost.RunAsNobody(
            _temp,
            new Dictionary<string, string> { [ScriptCache.BaseDirectoryVariable] = Path.Join(moved, "app") },
            Path.Join(moved, "cache"),
            Path.Join(moved, "app", script));

        Assert.That(run.Lines("event:"), Is.EqualTo(new[] { "hit" }), run.ToString());
        Assert.That(run.Lines("result:"), Is.EqualTo(new[] { "util:42:outside" }));
    }

    [Test]
    [Category("Process")]
    public void RunAsync_RelocatedScriptThrows_StackTraceNamesTheCompileTimePath()
    {
        var built = _temp.Write("build/app/boom.csx", "var x = 1;\nthrow new InvalidOperationException(\"boom \" + x);");
        var run = TestHost.Run(
            new Dictionary<string, string> { [ScriptCache.BaseDirectoryVariable] = _temp.Combine("build", "app") },
            "--precompile",
            _temp.Combine("build", "cache"),
            built);
        Assert.That(run.Lines("precompiled:"), Is.EqualTo(new[] { "True" }), run.ToString());
        var moved = CopyTree("build", "srv");
        using var script = ScriptCache.Load(Path.Join(moved, "app", "boom.csx"), RelocatedOptions(moved));

        var error = Assert.ThrowsAsync<InvalidOperationException>(async () => await script.RunAsync());

        // The entry is not rewritten: its embedded PDB names the file it was compiled from, line numbers hold.
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
        Assert.That(error!.StackTrace, Does.Contain($"{built}:line 2"));
    }

    [Test]
    [Category("Process")]
    [UnsupportedOSPlatform("windows")]
    public async Task Load_RelocatedReferenceReplacedAtCompileTimePath_LoadsTheRelocatedCopy()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to run as another user.");
        }

        var script = PrecompileWithPrivateReference();
        var moved = CopyTree("build", "srv");
        // Another user takes the compile-time path the entry was built at and puts their own DLL there.
        var evil = _temp.Combine("evil", "RelocatedLib.dll");
        AssemblyBuilder.Build(evil, "RelocatedLib", "public static class Lib { public static string Name => \"LIB-EVIL\"; }");
        var oldLib = _temp.Combine("build", "app", "lib");
        Directory.CreateDirectory(oldLib);
        OtherUser.ShareDirectory(_temp.Path, oldLib);
        OtherUser.ShareDirectory(_temp.Path, Path.GetDirectoryName(evil)!);
        OtherUser.Shell(oldLib, $"cp '{evil}' RelocatedLib.dll");

        var result = await LoadAndRun(Path.Join(moved, "app", script), RelocatedOptions(moved));

        Assert.That(result, Is.EqualTo("LIB-GOOD"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
    }

    [Test]
    [Category("Process")]
    public async Task Load_RelocatedReferenceCompileTimeTreeGone_RunsTwiceFromTheRelocatedCopy()
    {
        var script = PrecompileWithPrivateReference();
        var moved = CopyTree("build", "srv");

        var first = await LoadAndRun(Path.Join(moved, "app", script), RelocatedOptions(moved));
        var second = await LoadAndRun(Path.Join(moved, "app", script), RelocatedOptions(moved));

        Assert.That(first, Is.EqualTo("LIB-GOOD"));
        Assert.That(second, Is.EqualTo("LIB-GOOD"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit, CacheEventKind.Hit }));
    }

    [Test]
    [Category("Process")]
    public async Task Load_RelocatedReferenceDiffersAtTheNewBase_StaleAndRecompiled()
    {
        var script = PrecompileWithPrivateReference();
        var moved = CopyTree("build", "srv");
        AssemblyBuilder.Build(Path.Join(moved, "app", "lib", "RelocatedLib.dll"), "RelocatedLib", "public static class Lib { public static string Name => \"LIB-NEW\"; }");

        var result = await LoadAndRun(Path.Join(moved, "app", script), RelocatedOptions(moved));

        Assert.That(result, Is.EqualTo("LIB-NEW"));
        Assert.That(_events.Events.Single().Step, Is.EqualTo(CacheSteps.Dependency));
    }

    [Test]
    public async Task Load_LoadOutsideBaseOnAnotherHostSharingTheCache_RunsThatHostsFile()
    {
        _temp.Write("a/shared.csx", "string Shared() => \"FROM-A\";");
        _temp.Write("b/shared.csx", "string Shared() => \"FROM-B\";");
        var hostA = _temp.Write("a/app/main.csx", "#load \"../shared.csx\"\nShared()");
        var hostB = _temp.Write("b/app/main.csx", "#load \"../shared.csx\"\nShared()");
        var optionsA = Options with { Fleet = new() { BaseDirectory = _temp.Combine("a", "app") } };
        var optionsB = Options with { Fleet = new() { BaseDirectory = _temp.Combine("b", "app") } };

        var fromA = await LoadAndRun(hostA, optionsA);
        var againA = await LoadAndRun(hostA, optionsA);
        var fromB = await LoadAndRun(hostB, optionsB);
        var againB = await LoadAndRun(hostB, optionsB);

        Assert.That(fromA, Is.EqualTo("FROM-A"));
        Assert.That(againA, Is.EqualTo("FROM-A"));
        Assert.That(fromB, Is.EqualTo("FROM-B"));
        Assert.That(againB, Is.EqualTo("FROM-B"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit, CacheEventKind.Stale, CacheEventKind.Hit }));
    }

    [Test]
    public async Task Load_ReferenceOutsideBaseByRelativePathOnAnotherHost_RunsThatHostsAssembly()
    {
        AssemblyBuilder.Build(_temp.Combine("a", "lib", "OutsideLib.dll"), "OutsideLib", "public static class Lib { public static string Name => \"FROM-A\"; }");
        AssemblyBuilder.Build(_temp.Combine("b", "lib", "OutsideLib.dll"), "OutsideLib", "public static class Lib { public static string Name => \"FROM-B\"; }");
        var hostA = _temp.Write("a/app/main.csx", "#r \"../lib/OutsideLib.dll\"\nLib.Name");
        var hostB = _temp.Write("b/app/main.csx", "#r \"../lib/OutsideLib.dll\"\nLib.Name");

        var fromA = await LoadAndRun(hostA, Options with { Fleet = new() { BaseDirectory = _temp.Combine("a", "app") } });
        var fromB = await LoadAndRun(hostB, Options with { Fleet = new() { BaseDirectory = _temp.Combine("b", "app") } });

        Assert.That(fromA, Is.EqualTo("FROM-A"));
        Assert.That(fromB, Is.EqualTo("FROM-B"));
    }

    [Test]
    [Category("Process")]
    public async Task Load_RelocatedLoadOfAFullPathOutsideBase_StillHits()
    {
        // A file named by its full path is where it is wherever the tree is, and so is what it names relatively.
        var helper = _temp.Write("outside/helper.csx", "#load \"inner.csx\"\nstring Helper() => Inner();");
        _temp.Write("outside/inner.csx", "string Inner() => \"inner\";");
        var built = _temp.Write("build/app/main.csx", $"#load \"{helper}\"\nHelper()");
        var run = TestHost.Run(
            new Dictionary<string, string> { [ScriptCache.BaseDirectoryVariable] = _temp.Combine("build", "app") },
            "--precompile",
            _temp.Combine("build", "cache"),
            built);
        Assert.That(run.Lines("precompiled:"), Is.EqualTo(new[] { "True" }), run.ToString());
        var moved = CopyTree("build", "srv");

        var result = await LoadAndRun(Path.Join(moved, "app", "main.csx"), RelocatedOptions(moved));

        Assert.That(result, Is.EqualTo("inner"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Hit }));
    }

    /// <summary>
    /// Writes <c>build/app/main.csx</c>, which <c>#r</c>'s <c>lib/RelocatedLib.dll</c> under the base (a real DLL whose
    /// <c>Lib.Name</c> is <c>LIB-GOOD</c>), and precompiles it in a separate process into <c>build/cache</c>.
    /// </summary>
    private string PrecompileWithPrivateReference()
    {
        AssemblyBuilder.Build(_temp.Combine("build", "app", "lib", "RelocatedLib.dll"), "RelocatedLib", "public static class Lib { public static string Name => \"LIB-GOOD\"; }");
        var script = _temp.Write("build/app/main.csx", "#r \"lib/RelocatedLib.dll\"\nLib.Name");
        var run = TestHost.Run(
            new Dictionary<string, string> { [ScriptCache.BaseDirectoryVariable] = _temp.Combine("build", "app") },
            "--precompile",
            _temp.Combine("build", "cache"),
            script);
        Assert.That(run.Lines("precompiled:"), Is.EqualTo(new[] { "True" }), run.ToString());
        return "main.csx";
    }

    /// <summary>
    /// Writes <c>build/app/main.csx</c>, which #loads <c>lib/util.csx</c> under the base and #r's an assembly
    /// outside it, and precompiles it in a separate process into <c>build/cache</c>.
    /// </summary>
    private (string Script, string Reference) PrecompileRelocatable()
    {
        var reference = _temp.Combine("outside", "Outside.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(reference)!);
        AssemblyBuilder.Build(reference, "Outside", "public static class Outside { public static string Name => \"outside\"; }");
        _temp.Write("build/app/lib/util.csx", "string Util() => \"util\";");
        var script = _temp.Write("build/app/main.csx", $"#load \"lib/util.csx\"\n#r \"{reference}\"\n$\"{{Util()}}:{{6 * 7}}:{{Outside.Name}}\"");
        var run = TestHost.Run(
            new Dictionary<string, string> { [ScriptCache.BaseDirectoryVariable] = _temp.Combine("build", "app") },
            "--precompile",
            _temp.Combine("build", "cache"),
            script);
        Assert.That(run.Lines("precompiled:"), Is.EqualTo(new[] { "True" }), run.ToString());
        return (Path.GetRelativePath(_temp.Combine("build", "app"), script), reference);
    }

    private ScriptCacheOptions RelocatedOptions(string root) =>
        Options with { CacheDirectory = Path.Join(root, "cache"), Fleet = new() { BaseDirectory = Path.Join(root, "app") } };

    /// <summary>Copies a tree as a deploy step would, with <c>cp -a</c>, and removes the original.</summary>
    private string CopyTree(string from, string to)
    {
        Run("cp", "-a", _temp.Combine(from), _temp.Combine(to));
        Directory.Delete(_temp.Combine(from), recursive: true);
        return _temp.Combine(to);
    }

    private static void Run(string command, params string[] arguments)
    {
        var result = ChildProcess.Run(ChildProcess.StartInfo(command, arguments, Environment.CurrentDirectory));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    private static string[] TreeSnapshot(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{f} {File.GetLastWriteTimeUtc(f).Ticks} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}")];
}
