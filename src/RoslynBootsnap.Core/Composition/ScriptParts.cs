using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using RoslynBootsnap.Caching.Remote;
using RoslynBootsnap.Compiling;

namespace RoslynBootsnap.Composition;

/// <summary>
/// Finds the parts that compose with the core, each behind a seam the core owns: the compiler
/// (<see cref="IScriptCompiler"/>, in <c>RoslynBootsnap.Compiler</c>), the package references it consults
/// (<see cref="IReferenceScheme"/>, in <c>RoslynBootsnap.Packages</c>) and the remote store (<see cref="IRemoteStoreProvider"/>, in <c>RoslynBootsnap.Redis</c>). A host that references them
/// gets them with no line of code: each is looked up by name when first needed, on a miss, so a hit loads none of
/// them. A host of the core alone finds none: a miss is a typed error, a remote tier a reported failure.
/// </summary>
internal static class ScriptParts
{
    /// <summary>The assembly and type of the compiler.</summary>
    public const string CompilerType = "RoslynBootsnap.Compiling.RoslynScriptCompiler, RoslynBootsnap.Compiler";

    /// <summary>The assembly and type of the package references' scheme.</summary>
    public const string PackageSchemeType = "RoslynBootsnap.Compiling.Packages.PackageReferenceScheme, RoslynBootsnap.Packages";

    /// <summary>The assembly and type of the remote store provider.</summary>
    public const string RemoteStoreType = "RoslynBootsnap.Caching.Remote.RedisStoreProvider, RoslynBootsnap.Redis";

    private static readonly Lazy<IScriptCompiler?> Compiler = new(() => Create<IScriptCompiler>(CompilerType));

    private static readonly Lazy<IReadOnlyList<IReferenceScheme>> Schemes =
        new(() => [Create<IReferenceScheme>(PackageSchemeType) ?? new MissingPackageScheme()]);

    private static readonly Lazy<IRemoteStoreProvider?> RemoteStores = new(() => Create<IRemoteStoreProvider>(RemoteStoreType));

    /// <summary>Whether this host ships a compiler.</summary>
    public static bool HasCompiler => Compiler.Value is not null;

    /// <summary>The compiler.</summary>
    /// <exception cref="ScriptCompilerUnavailableException">No compiler ships with this host.</exception>
    public static IScriptCompiler CompilerFor(string path) =>
        Compiler.Value ?? throw new ScriptCompilerUnavailableException(path);

    /// <summary>
    /// The schemes of directives the parts resolve, for the compiler to consult before <c>sdk:</c> and paths.
    /// Without the package part, its scheme is one that refuses <c>nuget:</c> with a typed error.
    /// </summary>
    public static IReadOnlyList<IReferenceScheme> ReferenceSchemes => Schemes.Value;

    /// <summary>The remote store a connection string names.</summary>
    /// <exception cref="RemoteStoreException">No remote store ships with this host, or the string cannot be used.</exception>
    public static IRemoteStore OpenRemote(string connection) =>
        (RemoteStores.Value ?? throw new RemoteStoreException(
            CacheSteps.RemoteConnect,
            $"No remote store ships with this host: reference RoslynBootsnap (or RoslynBootsnap.Redis) to use '{connection}'."))
            .Open(connection);

    [UnconditionalSuppressMessage("Trimming", "IL2057", Justification = "Parts are found by name on purpose: the core ships without them.")]
    private static T? Create<T>(string typeName)
        where T : class
    {
        Type? type;
        try
        {
            type = Type.GetType(typeName, throwOnError: false);
        }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException)
        {
            return null;
        }

        return type is null
            ? null
            : (T?)Activator.CreateInstance(type, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, null, null);
    }
}
