using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Cli;

/// <summary>
/// What a namespace of the cache stands for, in words, for <c>stats</c>: its name is a hash of the environment
/// (schema, platform, runtime and library, compile options), so the header of one of its entries is read and
/// each field compared with the one <c>run</c> would write with the same options.
/// </summary>
internal static class NamespaceDescription
{
    /// <summary>The environment key <c>run</c> writes its entries under, with <paramref name="options"/>.</summary>
    public static CacheHeader ToolKey(ScriptCacheOptions options) =>
        CacheEnvironment.Key(CacheHeader.CurrentVersion, ScriptCache.HandlerFor(options).CompileOptions);

    /// <summary>The words for an entry's key beside the tool's; <see langword="null"/> when no entry could be read.</summary>
    public static string Describe(CacheHeader? entry, CacheHeader tool)
    {
        if (entry is not { } key)
        {
            return "unknown (no entry readable)";
        }

        if (key.Version != tool.Version)
        {
            return $"schema {key.Version}, not this tool's {tool.Version}";
        }

        return string.Join(
            ", ",
            key.Platform == tool.Platform ? "this platform" : "another platform",
            key.RuntimeRevision == tool.RuntimeRevision ? "this runtime" : "another runtime",
            key.CompileOptions == tool.CompileOptions ? "run's options" : "other compile options");
    }

    /// <summary>The header of an entry the inventory found valid; <see langword="null"/> when it cannot be read now.</summary>
    public static CacheHeader? ReadKey(string entryPath)
    {
        try
        {
            using var handle = File.OpenHandle(entryPath);
            Span<byte> bytes = stackalloc byte[CacheHeader.Size];
            return RandomAccess.Read(handle, bytes, 0) == CacheHeader.Size ? CacheHeader.Read(bytes) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
