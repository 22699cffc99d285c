using System.Globalization;
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
    /// <remarks>The architectures go in as numbers: formatting an enum by name is reflection and JIT work at start-up.</remarks>
    public static uint Platform { get; } = Hash32(
        RuntimeInformation.RuntimeIdentifier
        + "|" + ((int)RuntimeInformation.ProcessArchitecture).ToString(CultureInfo.InvariantCulture)
        + "|" + ((int)RuntimeInformation.OSArchitecture).ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The runtime version and this library's identity. The module version id changes with every build
    /// of the library, so a library built from other code never trusts entries written by this one.
    /// </summary>
    /// <remarks>
    /// Read from values the runtime already holds: no custom-attribute parsing on the start-up path.
    /// </remarks>
    private static string RuntimeAndLibrary { get; } =
        Environment.Version.ToString() + "|" + ModuleVersionText(typeof(CacheEnvironment).Module.ModuleVersionId);

    /// <summary>
    /// Hash of the .NET runtime version and this library's version. The compiler is not in it: a host of the core
    /// alone must find entries any compiler made, so the compiler's identity is in the entry's manifest instead.
    /// </summary>
    public static uint RuntimeRevision { get; } = Hash32(RuntimeAndLibrary);

    /// <summary>
    /// The environment key entries of these compile options are written under: the header fields every entry of a
    /// namespace shares, whose hash names the namespace directory.
    /// </summary>
    /// <param name="schemaVersion">The cache schema version.</param>
    /// <param name="compileOptions">The handler's compile-options fingerprint.</param>
    public static CacheHeader Key(uint schemaVersion, uint compileOptions) => new(
        schemaVersion,
        Platform,
        compileOptions,
        RuntimeRevision,
        SourceSize: 0,
        SourceMtimeTicks: 0,
        DataSize: 0,
        ContentDigest: 0,
        PayloadChecksum: 0,
        DependencyDigest: 0);

    /// <summary>
    /// A module version id as text for a key: its digest in hex. Guid's own formatting runs vectorized code
    /// that a fresh process would JIT for this one call.
    /// </summary>
    public static string ModuleVersionText(Guid mvid) =>
        FileDigest.OfModuleVersionId(mvid).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The upper half of FNV-1a-64, as bootsnap folds its 64-bit hashes into 32-bit fields.</summary>
    public static uint Hash32(string value) => (uint)(Fnv1a64.Hash(Encoding.UTF8.GetBytes(value)) >> 32);
}
