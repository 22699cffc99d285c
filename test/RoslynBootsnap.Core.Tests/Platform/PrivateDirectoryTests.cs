using System.Runtime.Versioning;
using RoslynBootsnap.Platform;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Platform;

/// <summary>
/// Private directories: the cache dir, whichever command creates it first, and the server's socket dir. Each
/// entry point is run as a real process, with no cache dir yet.
/// </summary>
[Platform(Include = "Linux")]
[SupportedOSPlatform("linux")]
public sealed class PrivateDirectoryTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    /// <summary>A cache dir two levels below anything that exists: its parents are created too.</summary>
    private string CacheDirectory => _temp.Combine("home", "cache", "roslyn-bootsnap");

    private Dictionary<string, string> Environment => new() { [ScriptCache.CacheDirectoryVariable] = CacheDirectory };

    private void AssertCreatedPrivate()
    {
        Assert.That(Directory.Exists(CacheDirectory), Is.True, "the cache dir was created");
        for (var directory = CacheDirectory; directory != _temp.Path; directory = Path.GetDirectoryName(directory)!)
        {
            Assert.That(File.GetUnixFileMode(directory), Is.EqualTo(Private), directory);
        }
    }

    [Test]
    public void Create_MissingParents_EachMode0700()
    {
        PrivateDirectory.Create(CacheDirectory);

        AssertCreatedPrivate();
    }

    [Test]
    public void Create_Existing_LeftAsItIs()
    {
        var shared = _temp.Combine("shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)0x1ED);

        PrivateDirectory.Create(shared);

        Assert.That(File.GetUnixFileMode(shared), Is.EqualTo((UnixFileMode)0x1ED));
    }

    [Test]
    public void OpenOrNull_WritableByOthers_RefusedUnchanged()
    {
        var open = _temp.Combine("open");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)0x1FF);

        using var handle = PrivateDirectory.OpenOrNull(open, create: true, out var problem);

        Assert.That(handle, Is.Null);
        Assert.That(problem, Is.EqualTo("is writable by group or others"));
        Assert.That(File.GetUnixFileMode(open), Is.EqualTo((UnixFileMode)0x1FF));
    }

    [Test]
    [Category("Process")]
    public void CacheDirectory_CreatedByPlainRun_Mode0700()
    {
        var result = CliHost.Run(_temp.Path, Environment, "run", _temp.Write("a.csx", "WriteLine(\"ran\");"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        AssertCreatedPrivate();
    }

    [Test]
    [Category("Process")]
    public void CacheDirectory_CreatedByRunUnderUmaskWithoutOwnerWrite_StillMode0700()
    {
        var result = CliHost.RunWithUmask("0277", _temp.Path, Environment, "run", _temp.Write("a.csx", "WriteLine(\"ran\");"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        AssertCreatedPrivate();
    }

    [Test]
    [Category("Process")]
    public void CacheDirectory_CreatedByPrecompile_Mode0700()
    {
        var result = CliHost.Run(_temp.Path, Environment, "precompile", _temp.Write("a.csx", "1"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        AssertCreatedPrivate();
    }

    [Test]
    [Category("Process")]
    public void ServerDirectory_CreatedByServer_Mode0700AndNoCacheDirectory()
    {
        // No runtime dir: the socket lives in roslyn-bootsnap-<uid> in the temp dir; the server serves every cache
        // dir, and creates none until a request names it.
        var temp = _temp.Combine("tmp");
        Directory.CreateDirectory(temp);
        var environment = Environment;
        environment["XDG_RUNTIME_DIR"] = string.Empty;
        environment["TMPDIR"] = temp;
        environment[CompileServer.IdleTimeoutVariable] = "1";

        var result = CliHost.Run(_temp.Path, environment, "server", "run");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var uid = Libc.geteuid().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(File.GetUnixFileMode(Path.Join(temp, "roslyn-bootsnap-" + uid)), Is.EqualTo(Private));
        Assert.That(Directory.Exists(CacheDirectory), Is.False);
    }

    [Test]
    [Category("Process")]
    public void CacheDirectory_Init_CreatesNone()
    {
        var result = CliHost.Run(_temp.Path, Environment, "init");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Directory.Exists(_temp.Combine("home")), Is.False, "init writes a script and editor files, never a cache dir");
    }
}
