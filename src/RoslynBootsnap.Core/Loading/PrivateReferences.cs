using System.Reflection;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Loading;

/// <summary>
/// The files a script's context may load privately, found by the identity of the assembly each holds, read from
/// its metadata: a file's name need not be its assembly's (<c>lib/bar.dll</c> may hold <c>Foo</c>), and the
/// runtime asks by assembly name. The first file to hold a name wins, in manifest order.
/// </summary>
internal sealed class PrivateReferences
{
    private readonly IReadOnlyList<string> _paths;
    private Dictionary<string, string>? _byAssemblyName;

    /// <param name="paths">Full paths, in manifest order: assemblies and native libraries.</param>
    public PrivateReferences(IReadOnlyList<string> paths) => _paths = paths;

    /// <summary>The files that are not assemblies' (<c>runtimes/&lt;rid&gt;/native</c>), for <c>DllImport</c>.</summary>
    public IEnumerable<string> NativeLibraries => _paths.Where(path => !path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));

    /// <summary>The file holding the assembly named <paramref name="simpleName"/>; <see langword="null"/> when none.</summary>
    public string? AssemblyPath(string simpleName)
    {
        // Read on the first request rather than at load: a script that never reaches a private reference reads none.
        var byName = LazyInitializer.EnsureInitialized(ref _byAssemblyName, ReadNames);
        return byName.GetValueOrDefault(simpleName);
    }

    private Dictionary<string, string> ReadNames()
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in _paths)
        {
            if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // A shared framework's files are named after their assemblies, and there are many: no need to open them.
            var name = ScriptLoadContext.IsSharedFramework(path) ? Path.GetFileNameWithoutExtension(path) : AssemblyNameOf(path);
            if (name is not null)
            {
                byName.TryAdd(name, path);
            }
        }

        return byName;
    }

    private static string? AssemblyNameOf(string path)
    {
        try
        {
            return AssemblyName.GetAssemblyName(path).Name;
        }
        catch (Exception e) when (FileFault.IsFileError(e) || e is BadImageFormatException)
        {
            // Gone, unreadable or no assembly since validation: nothing by that name can load from it.
            return null;
        }
    }
}
