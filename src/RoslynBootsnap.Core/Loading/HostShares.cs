using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Loading;

/// <summary>
/// What a host hands its scripts, so that their types unify with its own: the globals and return types'
/// assemblies, the assemblies of <see cref="ScriptCacheOptions.References"/> and those named in
/// <see cref="ScriptCacheOptions.SharedAssemblies"/>. Nothing else of the host's is a script's: the rest comes
/// from the script's own graph, or, for the framework, from the runtime.
/// </summary>
internal sealed class HostShares
{
    private readonly Assembly[] _handed;
    private readonly IReadOnlyList<string> _names;
    private readonly IReadOnlyList<string> _referencePaths;
    private HashSet<string>? _shared;

    public HostShares(CompileSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _handed = [.. new[] { settings.GlobalsType, settings.ReturnType }
            .Select(t => t?.Assembly)
            .OfType<Assembly>()
            .Where(a => !PlatformAssemblies.IsFramework(a))
            .Distinct()];
        _names = settings.SharedAssemblies;
        _referencePaths = settings.References;
    }

    /// <summary>Nothing shared but the framework (tests, and a script without globals).</summary>
    public static HostShares None { get; } = new(new CompileSettings(ScriptCacheOptions.Default));

    /// <summary>The globals or return type's assembly of that name; <see langword="null"/> when neither is.</summary>
    public Assembly? Handed(string simpleName)
    {
        foreach (var assembly in _handed)
        {
            if (string.Equals(assembly.GetName().Name, simpleName, StringComparison.Ordinal))
            {
                return assembly;
            }
        }

        return null;
    }

    /// <summary>Whether the host shares the assembly of this simple name (beyond the globals and return types').</summary>
    public bool IsShared(string simpleName) => LazyInitializer.EnsureInitialized(ref _shared, ReadNames).Contains(simpleName);

    /// <summary>
    /// The version of the assembly the default context has, or would load, by this name: loaded, or among the
    /// host's trusted platform assemblies. <see langword="null"/> when it has none.
    /// </summary>
    public static Version? HostVersion(string simpleName)
    {
        foreach (var assembly in AssemblyLoadContext.Default.Assemblies)
        {
            var name = assembly.GetName();
            if (string.Equals(name.Name, simpleName, StringComparison.Ordinal))
            {
                return name.Version ?? new Version(0, 0);
            }
        }

        return PlatformAssemblies.PathOf(simpleName) is { } path ? VersionOf(path) : null;
    }

    /// <summary>
    /// Fails the load of a script whose image was compiled against a later version of a shared assembly than the
    /// host has: it would otherwise run against the host's copy and miss a member later.
    /// </summary>
    /// <exception cref="ScriptSharedAssemblyException">A shared assembly is older in the host.</exception>
    public void Check(string path, ReadOnlyMemory<byte> image)
    {
        if (_handed.Length == 0 && _names.Count == 0 && _referencePaths.Count == 0)
        {
            return;
        }

        using var peReader = new PEReader(ScriptLoader.AsStream(image));
        MetadataReader reader;
        try
        {
            if (!peReader.HasMetadata)
            {
                return;
            }

            reader = peReader.GetMetadataReader();
        }
        catch (BadImageFormatException)
        {
            // The loader reports an unusable image itself.
            return;
        }

        foreach (var handle in reader.AssemblyReferences)
        {
            var reference = reader.GetAssemblyReference(handle);
            var name = reader.GetString(reference.Name);
            var host = Handed(name)?.GetName().Version ?? (IsShared(name) ? HostVersion(name) : null);
            if (host is not null && host < reference.Version)
            {
                throw new ScriptSharedAssemblyException(path, name, host, reference.Version);
            }
        }
    }

    private HashSet<string> ReadNames()
    {
        var names = new HashSet<string>(_names, StringComparer.Ordinal);
        foreach (var path in _referencePaths)
        {
            if (AssemblyNameOf(path) is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static string? AssemblyNameOf(string path)
    {
        try
        {
            return AssemblyName.GetAssemblyName(path).Name;
        }
        catch (Exception e) when (FileFault.IsFileError(e) || e is BadImageFormatException)
        {
            return null;
        }
    }

    private static Version? VersionOf(string path)
    {
        try
        {
            return AssemblyName.GetAssemblyName(path).Version;
        }
        catch (Exception e) when (FileFault.IsFileError(e) || e is BadImageFormatException)
        {
            return null;
        }
    }
}
