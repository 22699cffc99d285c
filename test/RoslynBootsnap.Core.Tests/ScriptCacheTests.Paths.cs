using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests;

/// <summary>
/// Paths that go through a symbolic link and then up with <c>..</c>: the script, <c>#load</c> and <c>#r</c> all
/// resolve to the file the kernel opens, never to the one a lexical collapse of <c>..</c> names.
/// </summary>
public sealed partial class ScriptCacheTests
{
    /// <summary>
    /// <c>p/link -&gt; ../q/r</c>, with a file of the same name in <c>p</c> and in <c>q</c>: through the link,
    /// <c>p/link/..</c> is <c>q</c>, while a lexical collapse says <c>p</c>.
    /// </summary>
    private void LinkedLayout(string name, string inP, string inQ)
    {
        _temp.Write(Path.Join("p", name), inP);
        _temp.Write(Path.Join("q", name), inQ);
        Directory.CreateDirectory(_temp.Combine("q", "r"));
        Directory.CreateSymbolicLink(_temp.Combine("p", "link"), "../q/r");
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    [Platform(Exclude = "Win")]
    public async Task Load_DotDotAfterSymlinkedDirectory_RunsAndKeysTheFileTheKernelOpens()
    {
        LinkedLayout("s.csx", "\"p\"", "\"q\"");
        var path = _temp.Combine("p", "link", "..", "s.csx");
        var cat = ChildProcess.Run(ChildProcess.StartInfo("cat", [path], _temp.Path));
        Assert.That(cat.StandardOutput, Is.EqualTo("\"q\""), "the kernel, and cat, open q/s.csx");

        using var script = ScriptCache.Load(path, Options);
        var result = await script.RunAsync();

        Assert.That(result, Is.EqualTo("q"));
        Assert.That(script.Path, Is.EqualTo(_temp.Combine("q", "s.csx")));
        Assert.That(_events.Events.Single().Path, Is.EqualTo(_temp.Combine("q", "s.csx")));
        Assert.That(File.Exists(ScriptCache.GetEntryPath(_temp.Combine("q", "s.csx"), Options)), Is.True);
        Assert.That(File.Exists(ScriptCache.GetEntryPath(_temp.Combine("p", "s.csx"), Options)), Is.False);
    }

    [Test]
    [Category("Reliability")]
    [Platform(Exclude = "Win")]
    public async Task Load_LoadDirectiveWithDotDotAfterSymlink_LoadsTheFileTheKernelOpens()
    {
        LinkedLayout("shared.csx", "var who = \"p\";", "var who = \"q\";");
        var path = _temp.Write("main.csx", "#load \"p/link/../shared.csx\"\nwho");

        Assert.That(await LoadAndRun(path), Is.EqualTo("q"));
        FileTimes.Rewrite(_temp.Combine("q", "shared.csx"), "var who = \"q2\";");
        Assert.That(await LoadAndRun(path), Is.EqualTo("q2"), "the manifest records q/shared.csx");
    }

    [Test]
    [Category("Reliability")]
    [Platform(Exclude = "Win")]
    public async Task Load_ReferenceDirectiveWithDotDotAfterSymlink_ReferencesTheFileTheKernelOpens()
    {
        Directory.CreateDirectory(_temp.Combine("q", "r"));
        AssemblyBuilder.Build(_temp.Combine("p", "Who.dll"), "Who", "public static class Who { public static string Name() => \"p\"; }");
        AssemblyBuilder.Build(_temp.Combine("q", "Who.dll"), "Who", "public static class Who { public static string Name() => \"q\"; }");
        Directory.CreateSymbolicLink(_temp.Combine("p", "link"), "../q/r");
        var path = _temp.Write("main.csx", "#r \"p/link/../Who.dll\"\nWho.Name()");

        Assert.That(await LoadAndRun(path), Is.EqualTo("q"));
        Assert.That(await LoadAndRun(path), Is.EqualTo("q"));
        Assert.That(_events.Kinds, Is.EqualTo(new[] { CacheEventKind.Miss, CacheEventKind.Hit }));
    }

    [Test]
    [Platform(Exclude = "Win")]
    public void GetFullPath_DotDotAfterSymlinkedDirectory_TheFileTheKernelOpens()
    {
        LinkedLayout("s.csx", "\"p\"", "\"q\"");

        Assert.That(ScriptCache.GetFullPath(_temp.Combine("p", "link", "..", "s.csx")), Is.EqualTo(_temp.Combine("q", "s.csx")));
    }
}
