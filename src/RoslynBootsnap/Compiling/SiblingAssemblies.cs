using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Finds the assemblies a script's references depend on that sit beside them, as <c>&lt;name&gt;.dll</c> in the
/// same folder: what an application's probing would find next to a DLL, and what the script's context must be
/// able to load when the referenced code calls into them. Read from metadata, nothing is loaded.
/// </summary>
internal static class SiblingAssemblies
{
    /// <summary>
    /// Every assembly referenced by <paramref name="assemblies"/>, directly or through each other, that exists beside
    /// the assembly that references it; in the order found, without the given ones.
    /// </summary>
    public static List<string> Find(IEnumerable<string> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var seen = new HashSet<string>(assemblies, StringComparer.Ordinal);
        var pending = new Queue<string>(seen.Order(StringComparer.Ordinal));
        var found = new List<string>();
        while (pending.TryDequeue(out var path))
        {
            var directory = Path.GetDirectoryName(path);
            if (directory is null)
            {
                continue;
            }

            foreach (var name in ReferencedNames(path))
            {
                var sibling = Path.Join(directory, name + ".dll");
                if (File.Exists(sibling) && seen.Add(sibling))
                {
                    found.Add(sibling);
                    pending.Enqueue(sibling);
                }
            }
        }

        return found;
    }

    private static List<string> ReferencedNames(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var image = new PEReader(stream);
            if (!image.HasMetadata)
            {
                return [];
            }

            var metadata = image.GetMetadataReader();
            return [.. metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))];
        }
        catch (Exception e) when (FileFault.IsFileError(e) || e is BadImageFormatException)
        {
            // Not an assembly we can read: the compiler has said what it thinks of it already.
            return [];
        }
    }
}
