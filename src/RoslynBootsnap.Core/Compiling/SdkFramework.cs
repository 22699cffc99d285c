namespace RoslynBootsnap.Compiling;

/// <summary>
/// A shared framework that <c>#r "sdk:..."</c> brings in: the assemblies to compile against (its reference pack,
/// or the implementation when no pack is installed) and the folder its implementation loads from at run time.
/// </summary>
internal sealed class SdkFramework
{
    public SdkFramework(string sdk, string runtimeDirectory, string compileDirectory, IReadOnlyList<string> compilePaths, IReadOnlyList<string> runtimePaths)
    {
        Sdk = sdk;
        RuntimeDirectory = runtimeDirectory;
        CompileDirectory = compileDirectory;
        CompilePaths = compilePaths;
        RuntimePaths = runtimePaths;
    }

    /// <summary>The SDK name as the directive spells it, such as <c>Microsoft.NET.Sdk.Web</c>.</summary>
    public string Sdk { get; }

    /// <summary>The versioned folder of the shared framework, beside the running runtime's.</summary>
    public string RuntimeDirectory { get; }

    /// <summary>The folder of <see cref="CompilePaths"/>: the reference pack's, or <see cref="RuntimeDirectory"/>.</summary>
    public string CompileDirectory { get; }

    public IReadOnlyList<string> CompilePaths { get; }

    /// <summary>The managed assemblies of <see cref="RuntimeDirectory"/>, which the script's context loads by path.</summary>
    public IReadOnlyList<string> RuntimePaths { get; }

    /// <summary>
    /// The one file whose identity stands for the framework's in an entry's manifest: a framework that is
    /// updated or removed changes or deletes it, and the entry is compiled again against what is there now.
    /// </summary>
    public string Marker => RuntimePaths.FirstOrDefault(p => Path.GetFileName(p) == "Microsoft.AspNetCore.dll") ?? RuntimePaths[0];
}
