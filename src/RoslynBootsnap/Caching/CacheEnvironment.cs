using System.Runtime.InteropServices;
using System.Text;

namespace RoslynBootsnap.Caching;

/// <summary>
/// The parts of the key that describe the process rather than the script: what bootsnap's
/// <c>get_ruby_platform</c> and <c>get_ruby_revision</c> compute once at start-up.
/// </summary>
internal static class CacheEnvironment
{
    /// <summary>Hash of the runtime identifier and process architecture.</summary>
    public static uint Platform { get; } = Hash32(
        $"{RuntimeInformation.RuntimeIdentifier}|{RuntimeInformation.ProcessArchitecture}|{RuntimeInformation.OSArchitecture}");

    /// <summary>
    /// The runtime version and this library's identity. The module version id changes with every build
    /// of the library, so a library built from other code never trusts entries written by this one.
    /// </summary>
    /// <remarks>
    /// Read from values the runtime already holds: no custom-attribute parsing on the start-up path.
    /// </remarks>
    private static string RuntimeAndLibrary { get; } =
        Environment.Version.ToString() + "|" + typeof(CacheEnvironment).Module.ModuleVersionId.ToString("N");

    /// <summary>Hash of the .NET runtime version, the compiler's revision and this library's version.</summary>
    public static uint RuntimeRevision(string compilerRevision) => Hash32(RuntimeAndLibrary + "|" + compilerRevision);

    /// <summary>The upper half of FNV-1a-64, as bootsnap folds its 64-bit hashes into 32-bit fields.</summary>
    public static uint Hash32(string value) => (uint)(Fnv1a64.Hash(Encoding.UTF8.GetBytes(value)) >> 32);
}
