using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

[Category("Process")]
public sealed class VerifyCommandTests
{
    [Test]
    public void Verify_CorruptedEntry_ReportedAndFixRemovesIt()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("good.csx", "bad.csx");
        var entry = cache.EntryOf(scripts[1]);
        var bytes = File.ReadAllBytes(entry);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(entry, bytes);

        var found = cache.Cli("verify");
        var fixedRun = cache.Cli("verify", "--fix");
        var clean = cache.Cli("verify");

        Assert.That(found.ExitCode, Is.EqualTo(1), found.ToString());
        Assert.That(found.StandardOutput, Does.Contain($"corrupt    {entry}: payload checksum does not match"));
        Assert.That(found.StandardOutput, Does.Contain("2 entries checked, 1 bad"));
        Assert.That(fixedRun.ExitCode, Is.Zero, fixedRun.ToString());
        Assert.That(File.Exists(entry), Is.False);
        Assert.That(File.Exists(cache.EntryOf(scripts[0])), Is.True);
        Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
        Assert.That(clean.StandardOutput, Does.Contain("1 entries checked, 0 bad"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Verify_WorldWritableEntry_ReportedAsUntrusted()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx");
        var entry = cache.EntryOf(scripts[0]);
        File.SetUnixFileMode(entry, File.GetUnixFileMode(entry) | UnixFileMode.OtherWrite);

        var result = cache.Cli("verify");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Does.Contain($"untrusted  {entry}: is writable by group or others"));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void VerifyFix_ShardSwappedForLinkByOtherUser_NothingOutsideTheCacheChanges()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to plant the link as another user.");
        }

        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx");
        var victim = cache.PlantShardLinkAsOtherUser(scripts[0]);
        var before = MaintenanceFixture.Snapshot(victim);

        var result = cache.Cli("verify", "--fix");

        Assert.That(MaintenanceFixture.Snapshot(victim), Is.EqualTo(before), result.ToString());
        Assert.That(result.StandardOutput, Does.Not.Contain(victim));
        Assert.That(result.StandardOutput, Does.Contain($"link       {Path.GetDirectoryName(cache.EntryOf(scripts[0]))}: is a symbolic link; not followed"));
        Assert.That(result.ExitCode, Is.EqualTo(1), "a link where a shard belongs needs a person's attention");
    }

    [Test]
    public void Verify_EntryOfAnotherUser_UntrustedUnlessOwnerTrustedByVariable()
    {
        if (!Support.TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root to give a file to another user.");
        }

        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx");
        var entry = cache.EntryOf(scripts[0]);
        using (var chown = System.Diagnostics.Process.Start("chown", [$"{Support.TestHost.NobodyId}:{Support.TestHost.NobodyId}", entry]))
        {
            chown.WaitForExit();
            Assert.That(chown.ExitCode, Is.Zero);
        }

        var untrusted = cache.Cli("verify");
        var trusted = Support.CliHost.Run(
            cache.Path,
            new Dictionary<string, string> { [ScriptCache.TrustedOwnersVariable] = $"{Support.TestHost.NobodyId}" },
            "verify",
            "--cache-dir",
            cache.CacheDirectory);

        Assert.That(untrusted.ExitCode, Is.EqualTo(1), untrusted.ToString());
        Assert.That(untrusted.StandardOutput, Does.Contain($"untrusted  {entry}: is owned by user {Support.TestHost.NobodyId}"));
        Assert.That(trusted.ExitCode, Is.Zero, trusted.ToString());
        Assert.That(trusted.StandardOutput, Does.Contain("1 entries checked, 0 bad"));
    }

    [Test]
    public void Verify_OrphanedEntry_ReportedButNotBad()
    {
        using var cache = new MaintenanceFixture();
        var scripts = cache.Cached("a.csx");
        File.Delete(scripts[0]);

        var result = cache.Cli("verify");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("orphaned").And.Contain("1 entries checked, 0 bad"));
    }
}
