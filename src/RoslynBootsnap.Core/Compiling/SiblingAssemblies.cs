using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using RoslynBootsnap.Loading;
using RoslynBootsnap.Platform;

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
        var pending = new Queue<(string Path, List<string> References)>();
        foreach (var root in seen.Order(StringComparer.Ordinal))
        {
            if (ReferencedNames(root) is { } references)
            {
                pending.Enqueue((root, references));
            }
        }

        var found = new List<string>();
        while (pending.TryDequeue(out var next))
        {
            var directory = Path.GetDirectoryName(next.Path);
            if (directory is null)
            {
                continue;
            }

            foreach (var name in next.References)
            {
                // The load context gives the framework's assemblies the runtime's copy, always: one beside a
                // reference never loads, and checking it on every hit would buy nothing. A host's private
                // dependency beside it is the script's own.
                var sibling = Path.Join(directory, name + ".dll");
                if (!PlatformAssemblies.ContainsFrameworkName(name) && File.Exists(sibling) && seen.Add(sibling) && ReferencedNames(sibling) is { } references)
                {
                    found.Add(sibling);
                    pending.Enqueue((sibling, references));
                }
            }
        }

        return found;
    }

    /// <summary>The names of the assemblies an assembly references; <see langword="null"/> when it is none.</summary>
    private static List<string>? ReferencedNames(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var image = new PEReader(stream);
            if (!image.HasMetadata)
            {
                return null;
            }

            var metadata = image.GetMetadataReader();
            return [.. metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))];
        }
        catch (Exception e) when (FileFault.IsFileError(e) || e is BadImageFormatException)
        {
            // Not an assembly that can be read: nothing the script's context could load either.
            return null;
        }
    }
}
