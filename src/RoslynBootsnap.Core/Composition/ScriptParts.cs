using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using RoslynBootsnap.Caching.Remote;
using RoslynBootsnap.Compiling;

namespace RoslynBootsnap.Composition;

/// <summary>
/// Finds the parts that compose with the core. A host that references the <c>RoslynBootsnap</c> assembly (the
/// core with the compiler, packages and the remote tier) gets them with no line of code: they are looked up by
/// name on the first miss, so a hit loads none of them. A host of the core alone finds none, and a miss is a
/// typed error rather than a missing-assembly crash.
/// </summary>
internal static class ScriptParts
{
    /// <summary>The assembly that holds the default parts.</summary>
    public const string AssemblyName = "RoslynBootsnap";

    /// <summary>The type, in <see cref="AssemblyName"/>, that implements <see cref="IScriptParts"/>.</summary>
    public const string TypeName = "RoslynBootsnap.Composition.DefaultParts";

    private static readonly Lazy<IScriptParts?> Default = new(Find);

    /// <summary>The default parts, or <see langword="null"/> when the host does not ship them.</summary>
    public static IScriptParts? OrNull => Default.Value;

    /// <summary>The compiler of the default parts.</summary>
    /// <exception cref="ScriptCompilerUnavailableException">No compiler ships with this host.</exception>
    public static IScriptCompiler CompilerFor(string path) =>
        OrNull?.Compiler ?? throw new ScriptCompilerUnavailableException(path);

    /// <summary>The remote store a connection string names, through the default parts.</summary>
    /// <exception cref="RemoteStoreException">No remote tier ships with this host, or the string cannot be used.</exception>
    public static IRemoteStore OpenRemote(string connection) =>
        (OrNull ?? throw new RemoteStoreException(CacheSteps.RemoteConnect, $"No remote tier ships with this host: reference the '{AssemblyName}' assembly to use '{connection}'."))
            .OpenRemote(connection);

    [UnconditionalSuppressMessage("Trimming", "IL2057", Justification = "The parts are found by name on purpose: the core may ship without them.")]
    private static IScriptParts? Find()
    {
        Type? type;
        try
        {
            type = Type.GetType($"{TypeName}, {AssemblyName}", throwOnError: false);
        }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException)
        {
            return null;
        }

        return type is null ? null : (IScriptParts?)Activator.CreateInstance(type, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, null, null);
    }
}
