using System.Runtime.Versioning;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching.Remote;

/// <summary>
/// A remote entry taken by a host at another path: it loads the files that host's checks passed, never the
/// first host's, and an entry that reached outside the first host's base by a relative path is not taken.
/// </summary>
public sealed partial class TieredEntryStoreTests
{
    [Test]
    [Category("Process")]
    [UnsupportedOSPlatform("windows")]
    public async Task Load_RemoteHitWithReferenceReplacedOnFirstHostsPath_LoadsThisHostsCopy()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to run as another user.");
        }

        _redis = RedisServer.Start();
        var (first, second) = HostsWithPrivateReference();
        Assert.That(await first.Run("ref.csx"), Is.EqualTo("LIB-GOOD"));
        var evil = _temp.Combine("evil", "FleetLib.dll");
        AssemblyBuilder.Build(evil, "FleetLib", "public static class Lib { public static string Name => \"LIB-EVIL\"; }");
        var firstLib = _temp.Combine("a", "app", "lib");
        OtherUser.ShareDirectory(_temp.Path, firstLib);
        OtherUser.ShareDirectory(_temp.Path, Path.GetDirectoryName(evil)!);
        OtherUser.Shell(firstLib, $"rm -f FleetLib.dll && cp '{evil}' FleetLib.dll");

        var result = await second.Run("ref.csx");
        var again = await second.Run("ref.csx");

        Assert.That(result, Is.EqualTo("LIB-GOOD"));
        Assert.That(again, Is.EqualTo("LIB-GOOD"));
        Assert.That(second.Events, Is.EqualTo(new[] { "remote-hit", "hit" }));
    }

    [Test]
    [Category("Process")]
    public async Task Load_RemoteHitWithFirstHostsTreeGone_RunsTwice()
    {
        _redis = RedisServer.Start();
        var (first, second) = HostsWithPrivateReference();
        await first.Run("ref.csx");
        Directory.Delete(_temp.Combine("a"), recursive: true);

        var result = await second.Run("ref.csx");
        var again = await second.Run("ref.csx");

        Assert.That(result, Is.EqualTo("LIB-GOOD"));
        Assert.That(again, Is.EqualTo("LIB-GOOD"));
        Assert.That(second.Events, Is.EqualTo(new[] { "remote-hit", "hit" }));
    }

    [Test]
    [Category("Process")]
    public async Task Load_LoadOutsideBaseResolvesElsewhereOnSecondHost_RemoteMissAndRunsItsOwnFile()
    {
        _redis = RedisServer.Start();
        var first = new Host(this, "a");
        var second = new Host(this, "b");
        foreach (var name in new[] { "a", "b" })
        {
            _temp.Write($"{name}/shared.csx", $"string Shared() => \"FROM-{name.ToUpperInvariant()}\";");
            _temp.Write($"{name}/app/outside.csx", "#load \"../shared.csx\"\nShared()");
        }

        var fromFirst = await first.Run("outside.csx");
        var fromSecond = await second.Run("outside.csx");
        var again = await second.Run("outside.csx");

        Assert.That(fromFirst, Is.EqualTo("FROM-A"));
        Assert.That(fromSecond, Is.EqualTo("FROM-B"));
        Assert.That(again, Is.EqualTo("FROM-B"));
        Assert.That(second.Events, Is.EqualTo(new[] { "remote-miss dependency", "miss", "hit" }));
    }

    /// <summary>
    /// Two hosts whose <c>ref.csx</c> <c>#r</c>'s <c>lib/FleetLib.dll</c> under their base: the same DLL (a copy, so
    /// the same module version id), whose <c>Lib.Name</c> is <c>LIB-GOOD</c>.
    /// </summary>
    private (Host First, Host Second) HostsWithPrivateReference()
    {
        var first = new Host(this, "a");
        var second = new Host(this, "b");
        AssemblyBuilder.Build(_temp.Combine("a", "app", "lib", "FleetLib.dll"), "FleetLib", "public static class Lib { public static string Name => \"LIB-GOOD\"; }");
        Directory.CreateDirectory(_temp.Combine("b", "app", "lib"));
        File.Copy(_temp.Combine("a", "app", "lib", "FleetLib.dll"), _temp.Combine("b", "app", "lib", "FleetLib.dll"));
        foreach (var name in new[] { "a", "b" })
        {
            _temp.Write($"{name}/app/ref.csx", "#r \"lib/FleetLib.dll\"\nLib.Name");
        }

        return (first, second);
    }
}
