using System.IO.Hashing;
using BenchmarkDotNet.Attributes;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Benchmarks;

/// <summary>
/// The checks a hit makes on an entry already in memory, on a real entry. Not sealed: BenchmarkDotNet
/// derives from it.
/// </summary>
[MemoryDiagnoser]
public class EntryValidationBenchmarks
{
    private BenchmarkScripts _scripts = null!;
    private string _entryPath = null!;
    private byte[] _entry = [];
    private CacheHeader _expected;

    /// <summary>Writes the entry and keeps its bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _scripts = new BenchmarkScripts();
        _entryPath = ScriptCache.GetEntryPath(_scripts.ScriptPath, _scripts.Options);
        if (CacheFile.Read(_entryPath, out _entry) != CacheReadStatus.Read)
        {
            throw new InvalidOperationException("No entry was written.");
        }

        _expected = CacheHeader.Read(_entry);
    }

    /// <summary>Removes the temp dir.</summary>
    [GlobalCleanup]
    public void Cleanup() => _scripts.Dispose();

    /// <summary>One open, one length query and one read of the whole entry.</summary>
    [Benchmark]
    public int EntryRead()
    {
        CacheFile.Read(_entryPath, out var entry);
        return entry.Length;
    }

    /// <summary>Decode the 64-byte header and compare its key fields.</summary>
    [Benchmark]
    public bool HeaderReadAndCompare()
    {
        var header = CacheHeader.Read(_entry);
        return header.EnvironmentEquals(_expected)
            && header.SourceSize == _expected.SourceSize
            && header.DataSize == (ulong)(_entry.Length - CacheHeader.Size);
    }

    /// <summary>Parse the manifest and compare its digest with the header's.</summary>
    [Benchmark]
    public bool ManifestCheck()
    {
        var data = _entry.AsSpan(CacheHeader.Size);
        return EntryManifest.TryParse(data, out _, out var length)
            && XxHash64.HashToUInt64(data[..length]) == _expected.DependencyDigest;
    }

    /// <summary>XxHash64 over the entry's data (manifest and emitted image).</summary>
    [Benchmark]
    public bool PayloadChecksum() => XxHash64.HashToUInt64(_entry.AsSpan(CacheHeader.Size)) == _expected.PayloadChecksum;
}
