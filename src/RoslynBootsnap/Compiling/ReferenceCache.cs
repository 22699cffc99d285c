using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

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

    private static readonly ConcurrentDictionary<string, (long Length, DateTime WriteTime, PortableExecutableReference Reference)> References =
        new(StringComparer.Ordinal);

    /// <summary>The reference to <paramref name="path"/> as it is now: the cached one unless the file changed.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PortableExecutableReference Get(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"The reference '{path}' does not exist.", path);
        }

        if (References.TryGetValue(path, out var cached) && cached.Length == file.Length && cached.WriteTime == file.LastWriteTimeUtc)
        {
            return cached.Reference;
        }

        var reference = MetadataReference.CreateFromFile(path);
        if (References.Count >= Capacity)
        {
            References.Clear();
        }

        References[path] = (file.Length, file.LastWriteTimeUtc, reference);
        return reference;
    }
}
