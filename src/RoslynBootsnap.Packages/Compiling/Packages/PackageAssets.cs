namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// What a restore resolved for a set of package references: the assemblies to compile against, those to load at
/// run time, native libraries, and the scripts of script packages; every path is in the global packages folder.
/// </summary>
/// <remarks>
/// <see cref="OwnCompileAssemblies"/> are those of each package named, by its id, not of their dependencies;
/// <see cref="NativeOnly"/> the ids of packages named that bring native libraries and no assembly.
/// </remarks>
internal sealed record PackageAssets(
    IReadOnlyDictionary<string, IReadOnlyList<string>> OwnCompileAssemblies,
    IReadOnlyList<string> CompileAssemblies,
    IReadOnlyList<string> RuntimeAssemblies,
    IReadOnlyList<string> NativeLibraries,
    IReadOnlyDictionary<string, string> Scripts,
    IReadOnlySet<string> NativeOnly);
