using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Compile references to files other than the framework's, one per file version for the whole process. Roslyn
/// reads a referenced file into native memory and binds its symbols once per reference object, so a fresh
/// reference on every compile (the globals type's assembly, a package's) makes every compile bind it again and
/// leaves native memory to finalizers. A long-lived process, the compile server above all, reuses one instead.
/// </summary>
internal static class ReferenceCache
{
    /// <summary>Enough for every reference of many scripts; past it the cache starts over rather than grow.</summary>
    private const int Capacity = 1024;

    private static readonly ConcurrentDictionary<string, (long Length, DateTime WriteTime, ulong Mvid, PortableExecutableReference Reference)> References =
        new(StringComparer.Ordinal);

    /// <summary>
    /// The reference to <paramref name="path"/> as it is now: the cached one unless the file changed. Its size, time
    /// and MVID must all match, as the entry's manifest judges an assembly, so a DLL swapped for another of the same
    /// size and time is read again.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="readAlready">A reference to the file that a resolver has just read, kept when the cache has none.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PortableExecutableReference Get(string path, PortableExecutableReference? readAlready = null)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"The reference '{path}' does not exist.", path);
        }

        ulong mvid;
        try
        {
            mvid = FileDigest.OfAssembly(path);
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
        {
            // Not an assembly: the compiler reports that, from a reference of its own.
            return MetadataReference.CreateFromFile(path);
        }

        if (References.TryGetValue(path, out var cached) && cached.Length == file.Length && cached.WriteTime == file.LastWriteTimeUtc && cached.Mvid == mvid)
        {
            return cached.Reference;
        }

        // What a resolver read already is not read again: the plain reference shares its metadata.
        var reference = readAlready is not null && string.Equals(readAlready.FilePath, path, StringComparison.Ordinal)
            ? readAlready.WithProperties(MetadataReferenceProperties.Assembly)
            : MetadataReference.CreateFromFile(path);
        if (References.Count >= Capacity)
        {
            References.Clear();
        }

        References[path] = (file.Length, file.LastWriteTimeUtc, mvid, reference);
        return reference;
    }
}
