using RoslynBootsnap.Caching;
using RoslynBootsnap.Loading;

namespace RoslynBootsnap.StartupHarness;

/// <summary>Copies the emitted PE image out of a cache entry, so the load floor runs exactly the DLL the cache serves.</summary>
internal static class EntryImage
{
    public static void Extract(string cacheDirectory, string scriptPath, string dllPath)
    {
        // The entry sits in the namespace of whichever host wrote it; there is one per script in a harness cache.
        var root = CachePath.NormalizeCacheDirectory(cacheDirectory);
        var inNamespace = Path.GetRelativePath(root, CachePath.GetEntryPath(root, Path.GetFullPath(scriptPath)));
        var entryPath = Directory.EnumerateDirectories(root).Select(space => Path.Join(space, inNamespace)).FirstOrDefault(File.Exists) ?? inNamespace;
        if (CacheFile.Read(entryPath, out var entry) != CacheReadStatus.Read
            || !EntryManifest.TryParse(entry.AsSpan(CacheHeader.Size), out _, out var manifestLength)
            || !ScriptArtifact.TryParse(entry.AsMemory(CacheHeader.Size + manifestLength), out var artifact))
        {
            throw new InvalidOperationException($"No readable entry for {scriptPath} in {cacheDirectory}.");
        }

        File.WriteAllBytes(dllPath, artifact.Image.ToArray());
    }
}
