using System.Reflection;
using System.Runtime.InteropServices;

namespace RoslynBootsnap.Loading;

/// <summary>Loads a script's storage form into a fresh collectible context: the cache's output form.</summary>
internal static class ScriptLoader
{
    /// <summary>
    /// Loads the artifact; <see langword="null"/> when the image cannot be loaded or lacks its entry
    /// point, which the engine treats as an unusable entry.
    /// </summary>
    public static LoadedScript? LoadOrNull(string path, ScriptArtifact artifact, Type? globalsType)
    {
        var privateReferences = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in artifact.References)
        {
            privateReferences.TryAdd(Path.GetFileNameWithoutExtension(reference), reference);
        }

        var context = new ScriptLoadContext(path, privateReferences, globalsType?.Assembly);
        try
        {
            var assembly = context.LoadFromStream(AsStream(artifact.Image));
            var factory = assembly
                .GetType(artifact.EntryTypeName, throwOnError: false)?
                .GetMethod(artifact.EntryMethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
            if (factory is not null)
            {
                return new LoadedScript(path, context, assembly, factory, globalsType);
            }
        }
        catch (BadImageFormatException)
        {
            // A corrupt image behind a valid checksum is still unusable: let the engine recompile.
        }

        context.Unload();
        return null;
    }

    // A visible buffer lets LoadFromStream read the image in place instead of copying it into a new array first.
    private static MemoryStream AsStream(ReadOnlyMemory<byte> image) =>
        MemoryMarshal.TryGetArray(image, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false, publiclyVisible: true)
            : new MemoryStream(image.ToArray(), writable: false);
}
