namespace RoslynBootsnap.Loading;

/// <summary>
/// The runtime's trusted platform assemblies, read once per process: the shared framework and the host's own
/// assemblies. The compiler references the framework's, and the load context resolves any of them to the host's
/// copy, so both ask here rather than each parse the list.
/// </summary>
internal static class PlatformAssemblies
{
    private static string[]? _paths;
    private static Dictionary<string, string>? _byName;
    private static HashSet<string>? _frameworkNames;

    /// <summary>The folder of the shared framework the process runs on.</summary>
    public static string FrameworkDirectory { get; } = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    /// <summary>
    /// The <c>shared</c> folder of the dotnet root, which holds every installed shared framework in versioned
    /// folders that an update never rewrites: their assemblies are loaded by path.
    /// </summary>
    public static string SharedDirectory { get; } = Path.GetDirectoryName(Path.GetDirectoryName(FrameworkDirectory)!)!;

    /// <summary>Every trusted platform assembly's path by its simple name, built on first use.</summary>
    private static Dictionary<string, string> ByName
    {
        get
        {
            var byName = _byName;
            if (byName is null)
            {
                byName = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var path in Paths)
                {
                    byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
                }

                _byName = byName;
            }

            return byName;
        }
    }

    /// <summary>Every trusted platform assembly's path.</summary>
    public static IReadOnlyList<string> Paths => _paths ??= Read();

    /// <summary>
    /// The trusted platform assemblies of the shared framework, in path order. These are all managed, unlike every
    /// file of the framework folder on Windows.
    /// </summary>
    public static IEnumerable<string> FrameworkPaths =>
        Paths.Where(p => string.Equals(Path.GetDirectoryName(p), FrameworkDirectory, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>Whether a trusted platform assembly has this simple name.</summary>
    public static bool ContainsName(string simpleName) => ByName.ContainsKey(simpleName);

    /// <summary>The path of the trusted platform assembly with this simple name, if there is one.</summary>
    public static string? PathOf(string simpleName) => ByName.GetValueOrDefault(simpleName);

    /// <summary>
    /// Whether an assembly of a shared framework has this simple name: one in the framework's folder, or in another
    /// framework the host runs on (ASP.NET Core's, say). The host's own private dependencies are not among them.
    /// </summary>
    public static bool ContainsFrameworkName(string simpleName)
    {
        var names = _frameworkNames;
        if (names is null)
        {
            names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in Paths)
            {
                if (string.Equals(Path.GetDirectoryName(path), FrameworkDirectory, StringComparison.Ordinal)
                    || path.StartsWith(SharedDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    names.Add(Path.GetFileNameWithoutExtension(path));
                }
            }

            _frameworkNames = names;
        }

        return names.Contains(simpleName);
    }


    /// <summary>Whether a loaded assembly comes from the shared framework's folder.</summary>
    public static bool IsFramework(System.Reflection.Assembly assembly) =>
        !string.IsNullOrEmpty(assembly.Location)
        && string.Equals(Path.GetDirectoryName(assembly.Location), FrameworkDirectory, StringComparison.Ordinal);

    private static string[] Read() =>
        (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
}
