using RoslynBootsnap.Caching;
using RoslynBootsnap.Platform;
using RoslynBootsnap.Server;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Server;

/// <summary>
/// The options part of a compile request: the server, which runs in <c>/</c> and sees none of the client's
/// environment, must rebuild the options the client's own cache would use.
/// </summary>
public sealed class CompileRequestTests
{
    private string? _workingDirectory;
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();

        // Relative paths are resolved against this, as a client resolves them against its own.
        _workingDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _temp.Path;
    }

    [TearDown]
    public void TearDown()
    {
        Environment.CurrentDirectory = _workingDirectory!;
        _temp.Dispose();
    }

    /// <summary>
    /// Every option other than its default, the paths relative: each option declared <see cref="OptionUse.Sent"/>
    /// must be set here, so that a new one fails <see cref="ReadOptions_EveryOptionSetWithRelativePaths_ReadsBackEveryOneResolved"/>
    /// until it is sent.
    /// </summary>
    internal static ScriptCacheOptions EveryOptionSet() => new()
    {
        CacheDirectory = "cache",
        References = ["refs/a.dll"],
        Imports = ["System.Xml"],
        GlobalsType = typeof(RequestGlobals),
        ReturnType = typeof(int),
        LanguageVersion = "12",
        Name = "request",
        Optimize = true,
        AllowUnsafe = false,
        PreprocessorSymbols = ["REQUEST"],
        Mode = CacheMode.ReadOnly,
        SchemaVersion = CacheHeader.CurrentVersion + 1,
        Packages = { Enabled = false, RefreshInterval = TimeSpan.FromMinutes(3) },
        Fleet =
        {
            BaseDirectory = "app",
            Remote = "redis://127.0.0.1:1,connectTimeout=100",
            RemoteKey = "a key of sixteen bytes or more",
            RemoteKeyFile = "keys/remote.key",
            RemoteReadOnly = true,
        },
        Trust = { Owners = [1234, 5678], Validation = ValidationMode.Fast },
        Server = new CompileServerOptions { FileName = "server" },
        OnEvent = _ => { },
        OnCompilerWarnings = _ => { },
    };

    [Test]
    public void ReadOptions_EveryOptionSetWithRelativePaths_ReadsBackEveryOneResolved()
    {
        var options = EveryOptionSet();

        var read = RoundTrip(options, options.CacheDirectory!);

        var sent = OptionDeclarations.All().Where(o => o.Is(OptionUse.Sent)).ToList();
        Assert.That(sent, Has.Count.GreaterThan(10), "the declarations are found");
        Assert.Multiple(() =>
        {
            foreach (var option in sent)
            {
                var value = option.Get(options);
                Assert.That(value, Is.Not.EqualTo(option.Get(ScriptCacheOptions.Default)), $"{option} is set to other than its default");
                var want = option.Is(OptionUse.Path) ? Resolved(value) : value;
                Assert.That(option.Get(read), Is.EqualTo(want), option.Path);
            }
        });
    }

    [Test]
    public void WriteOptions_EveryPathOption_SentAbsolute()
    {
        var read = RoundTrip(EveryOptionSet(), "cache");

        var paths = OptionDeclarations.All().Where(o => o.Is(OptionUse.Path)).ToList();
        Assert.That(paths.Select(p => p.Path), Is.SupersetOf(new[] { "CacheDirectory", "References", "Fleet.BaseDirectory", "Fleet.RemoteKeyFile" }));
        Assert.Multiple(() =>
        {
            foreach (var option in paths)
            {
                Assert.That(option.Is(OptionUse.Sent), $"{option} is a path the server needs");
                var value = option.Get(read);
                var all = value is string one ? [one] : ((IEnumerable<string>)value!).ToArray();
                Assert.That(all, Is.Not.Empty.And.All.Matches<string>(Path.IsPathFullyQualified), option.Path);
            }
        });
    }

    [Test]
    public void ReadOptions_RelativePathsFromEnvironment_ReadsThemResolved()
    {
        using var environment = new EnvironmentScope(new()
        {
            [ScriptCache.BaseDirectoryVariable] = "app",
            [ScriptCache.RemoteKeyVariable] = null,
            [ScriptCache.RemoteKeyFileVariable] = "keys/remote.key",
        });

        var read = RoundTrip(new ScriptCacheOptions(), "cache");

        Assert.That(read.Fleet.BaseDirectory, Is.EqualTo(_temp.Combine("app")));
        Assert.That(read.Fleet.RemoteKeyFile, Is.EqualTo(_temp.Combine("keys/remote.key")));
        Assert.That(read.Fleet.RemoteKey, Is.Null);
    }

    [Test]
    public void ReadOptions_KeyFileOptionAndKeyInEnvironment_KeepsTheFileTheClientUses()
    {
        using var environment = new EnvironmentScope(new()
        {
            [ScriptCache.RemoteKeyVariable] = "the environment's key, not used",
            [ScriptCache.RemoteKeyFileVariable] = null,
        });

        var read = RoundTrip(new ScriptCacheOptions { Fleet = { RemoteKeyFile = "keys/remote.key" } }, "cache");

        Assert.That(read.Fleet.RemoteKeyFile, Is.EqualTo(_temp.Combine("keys/remote.key")));
        Assert.That(read.Fleet.RemoteKey, Is.Null, "an option's key file comes before the environment's key, in the client as in the server");
    }

    [Test]
    public void ReadOptions_EmptyKeyOption_StaysAKey()
    {
        var read = RoundTrip(new ScriptCacheOptions { Fleet = { RemoteKey = string.Empty, RemoteKeyFile = "keys/remote.key" } }, "cache");

        Assert.That(read.Fleet.RemoteKey, Is.Empty, "an empty key is too short, and turns the remote tier off, in the server as in the client");
    }

    /// <summary>A path, or a list of them, made full against the current directory as the client does.</summary>
    private static object? Resolved(object? value) => value switch
    {
        string path => Path.GetFullPath(path),
        IEnumerable<string> paths => paths.Select(Path.GetFullPath).ToArray(),
        _ => value,
    };

    private static ScriptCacheOptions RoundTrip(ScriptCacheOptions options, string cacheDirectory)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            CompileRequest.WriteOptions(writer, options, cacheDirectory);
        }

        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var read = CompileRequest.ReadOptions(reader, _ => { }, _ => { });
        Assert.That(buffer.Position, Is.EqualTo(buffer.Length), "the reader reads what the writer wrote, no more, no less");
        return read;
    }

    /// <summary>A globals type of the test's own, found by the reader as the server finds a client's.</summary>
    public sealed class RequestGlobals
    {
        /// <summary>A member for the script.</summary>
        public int Value { get; init; }
    }

    /// <summary>Sets environment variables for a test and restores them after.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

        public EnvironmentScope(Dictionary<string, string?> values)
        {
            foreach (var (name, value) in values)
            {
                _previous[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
