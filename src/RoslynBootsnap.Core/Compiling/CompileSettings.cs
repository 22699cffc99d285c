using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Every compile input other than the source, resolved from <see cref="ScriptCacheOptions"/>: full
/// reference paths and the complete import list. Holds no Roslyn types, so building it is free on a hit.
/// </summary>
internal sealed class CompileSettings
{
    /// <summary>The .NET SDK's implicit usings for console apps together with dotnet-script's defaults.</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
    [
        "System",
        "System.Collections.Generic",
        "System.Diagnostics",
        "System.Dynamic",
        "System.IO",
        "System.Linq",
        "System.Linq.Expressions",
        "System.Net.Http",
        "System.Text",
        "System.Threading",
        "System.Threading.Tasks",
        "System.Console",
    ];

    public CompileSettings(ScriptCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        References = FullPaths(options.References);
        Imports = options.Imports.Count == 0 ? DefaultImports : WithDefaults(options.Imports);
        GlobalsType = options.GlobalsType;
        ReturnType = options.ReturnType ?? typeof(object);
        LanguageVersion = options.LanguageVersion;
        Optimize = options.Optimize;
        AllowUnsafe = options.AllowUnsafe;
        PreprocessorSymbols = [.. options.PreprocessorSymbols];
        OnCompilerWarnings = options.OnCompilerWarnings;
        AllowPackageReferences = options.Packages.Enabled;
        CacheDirectory = options.CacheDirectory;
        SharedAssemblies = [.. options.SharedAssemblies];
    }

    /// <summary>The simple names of the assemblies the host shares with its scripts; not a compile input.</summary>
    public IReadOnlyList<string> SharedAssemblies { get; }

    /// <summary>
    /// The cache dir the options name, where a package restore works in a private directory; <see langword="null"/>
    /// for the default one. Not a compile input.
    /// </summary>
    public string? CacheDirectory { get; }

    /// <summary>Whether <c>nuget:</c> directives resolve; see <see cref="PackageOptions.Enabled"/>.</summary>
    public bool AllowPackageReferences { get; }

    /// <summary>Where a successful compile's warnings go; not a compile input.</summary>
    public Action<IReadOnlyList<ScriptDiagnostic>>? OnCompilerWarnings { get; }

    public IReadOnlyList<string> References { get; }

    private static string[] FullPaths(IReadOnlyList<string> paths)
    {
        var full = new string[paths.Count];
        for (var i = 0; i < full.Length; i++)
        {
            full[i] = KernelPath.GetFullPath(paths[i]);
        }

        return full;
    }

    private static List<string> WithDefaults(IReadOnlyList<string> imports)
    {
        var all = new List<string>(DefaultImports);
        foreach (var import in imports)
        {
            if (!all.Contains(import, StringComparer.Ordinal))
            {
                all.Add(import);
            }
        }

        return all;
    }

    public IReadOnlyList<string> Imports { get; }

    public Type? GlobalsType { get; }

    public Type ReturnType { get; }

    public string? LanguageVersion { get; }

    public bool Optimize { get; }

    public bool AllowUnsafe { get; }

    public IReadOnlyList<string> PreprocessorSymbols { get; }
}
