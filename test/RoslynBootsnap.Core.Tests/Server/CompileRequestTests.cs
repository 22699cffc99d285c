using System.Reflection;
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
    /// <summary>
    /// The options a request does not carry, with the reason. Every other property of
    /// <see cref="ScriptCacheOptions"/> must survive a round trip: a new one fails the tests below until it is
    /// sent or named here.
    /// </summary>
    private static readonly Dictionary<string, string> NotSent = new(StringComparer.Ordinal)
    {
        ["EqualityContract"] = "the record's own",
        [nameof(ScriptCacheOptions.Mode)] = "the server always writes the entry",
        [nameof(ScriptCacheOptions.Name)] = "telemetry of the client's cache",
        [nameof(ScriptCacheOptions.CompileServer)] = "the server compiles in process",
        [nameof(ScriptCacheOptions.OnEvent)] = "the server's own sink",
        [nameof(ScriptCacheOptions.OnCompilerWarnings)] = "warnings go back in the answer",
        [nameof(ScriptCacheOptions.Logger)] = "the client's own",
        ["HasLogger"] = "follows Logger",
        ["OwnerTrust"] = "follows TrustedOwners",
    };

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

    [Test]
    public void ReadOptions_EveryOptionSetWithRelativePaths_ReadsBackEveryOneResolved()
    {
        var options = new ScriptCacheOptions
        {
            CacheDirectory = "cache",
            References = ["refs/a.dll"],
            Imports = ["System.Text"],
            GlobalsType = typeof(RequestGlobals),
            ReturnType = typeof(int),
            LanguageVersion = "12",
            Optimize = true,
            AllowUnsafe = false,
            PreprocessorSymbols = ["REQUEST"],
            Validation = ValidationMode.Fast,
            SchemaVersion = CacheHeader.CurrentVersion + 1,
            TrustedOwners = [1234, 5678],
            BaseDirectory = "app",
            Remote = "redis://127.0.0.1:1,connectTimeout=100",
            RemoteKey = "a key of sixteen bytes or more",
            RemoteKeyFile = "keys/remote.key",
            RemoteReadOnly = true,
            AllowPackageReferences = false,
            PackageRefreshInterval = TimeSpan.FromMinutes(3),
        };
        var expected = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [nameof(ScriptCacheOptions.CacheDirectory)] = _temp.Combine("cache"),
            [nameof(ScriptCacheOptions.References)] = new[] { _temp.Combine("refs/a.dll") },
            [nameof(ScriptCacheOptions.BaseDirectory)] = _temp.Combine("app"),
            [nameof(ScriptCacheOptions.RemoteKeyFile)] = _temp.Combine("keys/remote.key"),
        };

        var read = RoundTrip(options, options.CacheDirectory!);

        var sent = SentProperties();
        Assert.Multiple(() =>
        {
            foreach (var property in sent)
            {
                Assert.That(property.GetValue(options), Is.Not.EqualTo(property.GetValue(ScriptCacheOptions.Default)), $"{property.Name} is set to other than its default");
                var want = expected.TryGetValue(property.Name, out var resolved) ? resolved : property.GetValue(options);
                Assert.That(property.GetValue(read), Is.EqualTo(want), property.Name);
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

        Assert.That(read.BaseDirectory, Is.EqualTo(_temp.Combine("app")));
        Assert.That(read.RemoteKeyFile, Is.EqualTo(_temp.Combine("keys/remote.key")));
        Assert.That(read.RemoteKey, Is.Null);
    }

    [Test]
    public void ReadOptions_KeyFileOptionAndKeyInEnvironment_KeepsTheFileTheClientUses()
    {
        using var environment = new EnvironmentScope(new()
        {
            [ScriptCache.RemoteKeyVariable] = "the environment's key, not used",
            [ScriptCache.RemoteKeyFileVariable] = null,
        });

        var read = RoundTrip(new ScriptCacheOptions { RemoteKeyFile = "keys/remote.key" }, "cache");

        Assert.That(read.RemoteKeyFile, Is.EqualTo(_temp.Combine("keys/remote.key")));
        Assert.That(read.RemoteKey, Is.Null, "an option's key file comes before the environment's key, in the client as in the server");
    }

    [Test]
    public void ReadOptions_EmptyKeyOption_StaysAKey()
    {
        var read = RoundTrip(new ScriptCacheOptions { RemoteKey = string.Empty, RemoteKeyFile = "keys/remote.key" }, "cache");

        Assert.That(read.RemoteKey, Is.Empty, "an empty key is too short, and turns the remote tier off, in the server as in the client");
    }

    /// <summary>Every property a request must carry: all but those named in <see cref="NotSent"/>.</summary>
    private static PropertyInfo[] SentProperties()
    {
        var all = typeof(ScriptCacheOptions).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.That(NotSent.Keys, Is.SubsetOf(all.Select(p => p.Name)), "every property named as not sent exists");
        return [.. all.Where(p => !NotSent.ContainsKey(p.Name))];
    }

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
