using System.Reflection;
using System.Runtime.InteropServices;

namespace RoslynBootsnap.Loading;

/// <summary>Loads a script's storage form into a fresh collectible context: the cache's output form.</summary>
internal static class ScriptLoader
{
    /// <summary>
    /// Loads the artifact; <see langword="null"/> when the image cannot be loaded or lacks its entry
    /// point, or a private reference is not among <paramref name="dependencyPaths"/>, which the engine treats as
    /// an unusable entry.
    /// </summary>
    /// <param name="path">The script's full path.</param>
    /// <param name="artifact">The stored form.</param>
    /// <param name="dependencyPaths">
    /// The entry's dependencies where they are on this host, in manifest order: the files validation checked. A
    /// private reference loads from here and nowhere else.
    /// </param>
    /// <param name="globalsType">The globals type the script was compiled with.</param>
    /// <param name="shares">What the host shares with the script.</param>
    /// <exception cref="ScriptSharedAssemblyException">The host's copy of a shared assembly is older than the script's.</exception>
    public static LoadedScript? LoadOrNull(string path, ScriptArtifact artifact, IReadOnlyList<string> dependencyPaths, Type? globalsType, HostShares shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var privateReferences = new List<string>(artifact.DependencyReferences.Count + artifact.FrameworkReferences.Count);
        foreach (var index in artifact.DependencyReferences)
        {
            if (index >= dependencyPaths.Count)
            {
                return null;
            }

            privateReferences.Add(dependencyPaths[index]);
        }

        foreach (var reference in artifact.FrameworkReferences)
        {
            // Only a shared framework's own files are named by path: anything else must be a checked dependency.
            if (!ScriptLoadContext.IsSharedFramework(reference))
            {
                return null;
            }

            privateReferences.Add(reference);
        }

        shares.Check(path, artifact.Image);
        var context = new ScriptLoadContext(path, new PrivateReferences(privateReferences), shares);
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
    public static MemoryStream AsStream(ReadOnlyMemory<byte> image) =>
        MemoryMarshal.TryGetArray(image, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false, publiclyVisible: true)
            : new MemoryStream(image.ToArray(), writable: false);
}
