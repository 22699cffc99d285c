using RoslynBootsnap.Caching;
using RoslynBootsnap.Loading;

namespace RoslynBootsnap.StartupHarness;

/// <summary>Copies the emitted PE image out of a cache entry, so the load floor runs exactly the DLL the cache serves.</summary>
internal static class EntryImage
{
    public static void Extract(string cacheDirectory, string scriptPath, string dllPath)
    {
        var entryPath = CachePath.GetEntryPath(CachePath.NormalizeCacheDirectory(cacheDirectory), Path.GetFullPath(scriptPath));
        if (CacheFile.TryRead(entryPath, out var entry) != CacheReadStatus.Read
            || !EntryManifest.TryParse(entry.AsSpan(CacheHeader.Size), out _, out var manifestLength)
            || !ScriptArtifact.TryParse(entry.AsMemory(CacheHeader.Size + manifestLength), out var artifact))
        {
            throw new InvalidOperationException($"No readable entry for {scriptPath} in {cacheDirectory}.");
        }

        File.WriteAllBytes(dllPath, artifact.Image.ToArray());
    }
}
