using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Where the scripting resolver found each missing assembly, remembered for the whole process. The resolver
/// answers with a reference it has just read, whole, into native memory; asked on every compile for the
/// dependencies of the globals type's assembly (the compiler's own, for the command line), it would read them all
/// again each time, only for the shared reference to replace the copy and leave it to a finalizer. A compile
/// server doing that on every request holds far more native memory than it uses.
/// </summary>
internal static class MissingAssemblyResolutions
{
    /// <summary>Enough for the dependencies of many hosts; past it the memory starts over rather than grow.</summary>
    private const int Capacity = 1024;

    private static readonly ConcurrentDictionary<(string Definition, AssemblyIdentity Identity), (string Path, MetadataReferenceProperties Properties)> Resolved =
        new();

    /// <summary>
    /// What the scripting <paramref name="resolver"/> resolves the missing assembly to, as the process's shared
    /// reference of that file; the resolver is asked only the first time, or again once its answer no longer exists.
    /// </summary>
    public static PortableExecutableReference? Resolve(MetadataReferenceResolver resolver, MetadataReference definition, AssemblyIdentity identity)
    {
        // The scripting resolver finds a missing assembly among the host's assemblies or beside the file that needs
        // it: its answer depends on that file and the identity, not on the script's directory or search paths.
        // (Nor can the key hold the resolver: the scripting resolver is not even equal to itself.)
        var definitionPath = (definition as PortableExecutableReference)?.FilePath;
        var key = (definitionPath ?? string.Empty, identity);
        if (definitionPath is not null && Resolved.TryGetValue(key, out var known) && File.Exists(known.Path))
        {
            return ReferenceCache.Get(known.Path).WithProperties(known.Properties);
        }

        var resolved = resolver.ResolveMissingAssembly(definition, identity);
        if (resolved?.FilePath is not { } path || !File.Exists(path))
        {
            return resolved;
        }

        if (definitionPath is not null)
        {
            if (Resolved.Count >= Capacity)
            {
                Resolved.Clear();
            }

            Resolved[key] = (path, resolved.Properties);
        }

        return ReferenceCache.Get(path, resolved).WithProperties(resolved.Properties);
    }
}
