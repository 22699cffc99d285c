using System.Reflection;
using System.Runtime.Loader;

namespace RoslynBootsnap.Loading;

/// <summary>
/// A collectible context holding one script. It sees the framework, what the host hands it (<see cref="HostShares"/>)
/// and its own graph (<c>#r</c> DLLs, their siblings, packages), and nothing else of the host: a tool's or host's
/// private dependencies never stand in for the script's own, whatever their versions.
/// </summary>
internal sealed class ScriptLoadContext : AssemblyLoadContext
{
    private readonly PrivateReferences _privateReferences;
    private readonly HostShares _shares;

    public ScriptLoadContext(string name, PrivateReferences privateReferences, HostShares shares)
        : base(name, isCollectible: true)
    {
        _privateReferences = privateReferences;
        _shares = shares;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var simpleName = assemblyName.Name;
        if (simpleName is null)
        {
            return null;
        }

        // The globals type may live in a context other than the default one (a plugin host's, say). When it is the
        // default's, null hands it over without the runtime comparing the names it asked for and got.
        if (_shares.Handed(simpleName) is { } handed)
        {
            return GetLoadContext(handed) == Default ? null : handed;
        }

        if (PlatformAssemblies.ContainsFrameworkName(simpleName))
        {
            return null;
        }

        if (_shares.IsShared(simpleName) && HostShares.HostVersion(simpleName) is { } host)
        {
            // The load already refused an image compiled against a later one; this is a dependency's reference.
            return assemblyName.Version is { } requested && host < requested
                ? throw new ScriptSharedAssemblyException(Name!, simpleName, host, requested)
                : null;
        }

        if (_privateReferences.AssemblyPath(simpleName) is { } path)
        {
            return IsSharedFramework(path) ? LoadFromAssemblyPath(path) : LoadCopy(path);
        }

        // Not the framework's, not shared and not in the script's graph: the host's copy would be a stand-in the
        // script was never compiled against, so it does not load.
        throw new FileNotFoundException($"Could not load '{assemblyName}': it is neither the framework's, shared by the host, nor among the script's references.", simpleName);
    }

    /// <summary>
    /// A native library of a package the script references (<c>runtimes/&lt;rid&gt;/native</c>), by the names
    /// <c>DllImport</c> probes: as given, with the platform's prefix and suffix, or both.
    /// </summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var path in _privateReferences.NativeLibraries)
        {
            var file = Path.GetFileName(path);
            if (file == unmanagedDllName
                || file == unmanagedDllName + ".so"
                || file == "lib" + unmanagedDllName + ".so"
                || file == unmanagedDllName + ".dylib"
                || file == "lib" + unmanagedDllName + ".dylib")
            {
                return LoadUnmanagedDllFromPath(path);
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>
    /// Loads a private reference from a copy of its bytes (and its PDB, for line numbers), never by path: a
    /// loaded-by-path assembly stays mapped, and a build that rewrites the DLL in place would crash the host.
    /// </summary>
    private Assembly LoadCopy(string path)
    {
        using var image = Visible(File.ReadAllBytes(path));
        var pdbPath = Path.ChangeExtension(path, ".pdb");
        if (!File.Exists(pdbPath))
        {
            return LoadFromStream(image);
        }

        using var symbols = Visible(File.ReadAllBytes(pdbPath));
        return LoadFromStream(image, symbols);
    }

    /// <summary>
    /// An assembly of an installed shared framework (<c>#r "sdk:"</c>): its versioned folder is never rewritten,
    /// so it loads by path, as an application on that framework loads it.
    /// </summary>
    public static bool IsSharedFramework(string path) =>
        path.StartsWith(PlatformAssemblies.SharedDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // A visible buffer is read in place by LoadFromStream rather than copied once more.
    private static MemoryStream Visible(byte[] bytes) => new(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
}
