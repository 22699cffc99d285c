using System.Runtime.Loader;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// The identity of the compiler this host compiles with: a digest of the module version ids of the compiler part
/// and the Roslyn assemblies it runs, as loaded, or, before they are, as the files the runtime would load. Each
/// build of any of them has a new one, so an entry records exactly which compiler made it.
/// </summary>
/// <remarks>
/// A hit in a host with a compiler needs it, and must not load the compiler for it: until the assemblies are
/// loaded, their module version ids are read from the files' metadata. 0 when the compiler part is absent.
/// </remarks>
internal static class CompilerIdentity
{
    /// <summary>The compiler part first: without it there is no compiler, whatever Roslyn a host carries.</summary>
    public static IReadOnlyList<string> AssemblyNames { get; } = ["RoslynBootsnap.Compiler", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp"];

    private static readonly Lazy<ulong> Identity = new(Compute);

    /// <summary>This host's compiler identity; 0 when it ships no compiler.</summary>
    public static ulong Current => Identity.Value;

    /// <summary>The identity of the compiler in these files (<see cref="AssemblyNames"/>'s order); 0 when the first is missing.</summary>
    public static ulong OfFiles(IReadOnlyList<string?> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Of([.. paths.Select(p => p is not null && File.Exists(p) ? FileDigest.OfAssembly(p) : (ulong?)null)]);
    }

    /// <summary>The identity of these module version id digests; 0 when the first is missing.</summary>
    public static ulong Of(IReadOnlyList<ulong?> moduleVersions)
    {
        ArgumentNullException.ThrowIfNull(moduleVersions);
        if (moduleVersions.Count == 0 || moduleVersions[0] is null)
        {
            return 0;
        }

        var bytes = new byte[moduleVersions.Count * 8];
        for (var i = 0; i < moduleVersions.Count; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), moduleVersions[i] ?? 0);
        }

        var identity = Fnv1a64.Hash(bytes);
        return identity == 0 ? 1 : identity;
    }

    private static ulong Compute()
    {
        var context = AssemblyLoadContext.GetLoadContext(typeof(CompilerIdentity).Assembly) ?? AssemblyLoadContext.Default;
        return Of([.. AssemblyNames.Select(name => ModuleVersion(context, name))]);
    }

    /// <summary>The module version id digest of the assembly as loaded, else of the file the runtime would load.</summary>
    private static ulong? ModuleVersion(AssemblyLoadContext context, string name)
    {
        foreach (var assembly in context.Assemblies)
        {
            if (string.Equals(assembly.GetName().Name, name, StringComparison.Ordinal))
            {
                return FileDigest.OfModuleVersionId(assembly.ManifestModule.ModuleVersionId);
            }
        }

        try
        {
            return Locate(context, name) is { } path && File.Exists(path) ? FileDigest.OfAssembly(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where the runtime would load <paramref name="name"/> from: the trusted platform assemblies the host's
    /// dependency file lists, or, for a core loaded into a context of its own (a plugin), beside the core.
    /// </summary>
    private static string? Locate(AssemblyLoadContext context, string name)
    {
        var file = name + ".dll";
        if (context == AssemblyLoadContext.Default && AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string trusted)
        {
            foreach (var path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                if (string.Equals(Path.GetFileName(path), file, StringComparison.OrdinalIgnoreCase))
                {
                    return path;
                }
            }
        }

        var location = typeof(CompilerIdentity).Assembly.Location;
        return string.IsNullOrEmpty(location) ? null : Path.Join(Path.GetDirectoryName(location), file);
    }
}
