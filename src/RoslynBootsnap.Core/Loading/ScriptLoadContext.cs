using System.Reflection;
using System.Runtime.Loader;

namespace RoslynBootsnap.Loading;

/// <summary>
/// A collectible context holding one script. The framework's assemblies and those the host has loaded resolve
/// to the host's copy so that types keep their identity across the boundary (a script's own copy of the globals
/// type's assembly would make the submission's constructor cast fail). Assemblies the script references load here.
/// </summary>
internal sealed class ScriptLoadContext : AssemblyLoadContext
{
    private readonly PrivateReferences _privateReferences;
    private readonly Assembly? _globalsAssembly;

    public ScriptLoadContext(string name, PrivateReferences privateReferences, Assembly? globalsAssembly)
        : base(name, isCollectible: true)
    {
        _privateReferences = privateReferences;
        _globalsAssembly = globalsAssembly;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var simpleName = assemblyName.Name;
        if (simpleName is null)
        {
            return null;
        }

        // The globals type may live in a context other than the default one (a plugin host's, say).
        if (_globalsAssembly is not null && string.Equals(_globalsAssembly.GetName().Name, simpleName, StringComparison.Ordinal))
        {
            return _globalsAssembly;
        }

        if (_privateReferences.AssemblyPath(simpleName) is { } path && !IsHostAssembly(assemblyName))
        {
            return IsSharedFramework(path) ? LoadFromAssemblyPath(path) : LoadCopy(path);
        }

        // Null falls back to the default context: the shared framework and the host's own assemblies.
        return null;
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

    /// <summary>
    /// Whether the host's copy serves: always for the framework's assemblies, and for the host's own (loaded, or
    /// among its dependencies) when it is the version the script was compiled against or later, as the runtime's
    /// binding would unify them. Types the host hands the script then keep their identity. A script that asks for
    /// a later version than the host has (a package the host also depends on, say) gets its own copy, so it runs
    /// what it was compiled against, on a miss and on a hit alike.
    /// </summary>
    private static bool IsHostAssembly(AssemblyName requested)
    {
        var simpleName = requested.Name!;
        if (PlatformAssemblies.ContainsFrameworkName(simpleName))
        {
            return true;
        }

        foreach (var assembly in Default.Assemblies)
        {
            var name = assembly.GetName();
            if (string.Equals(name.Name, simpleName, StringComparison.Ordinal))
            {
                return Satisfies(name.Version, requested.Version);
            }
        }

        if (PlatformAssemblies.PathOf(simpleName) is { } hostCopy)
        {
            try
            {
                return Satisfies(AssemblyName.GetAssemblyName(hostCopy).Version, requested.Version);
            }
            catch (Exception e) when (e is IOException or BadImageFormatException)
            {
                return false;
            }
        }

        return false;
    }

    private static bool Satisfies(Version? host, Version? requested) => requested is null || (host is not null && host >= requested);
}
