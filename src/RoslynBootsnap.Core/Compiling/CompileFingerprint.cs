using System.Text;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// The compile-options field of the key: a 32-bit FNV-1a fold of a canonical text of every compile input other
/// than the source (as the runtime revision is; CRC-32's vectorized code cost a fresh process more to prepare than
/// the hash itself takes). Computed without Roslyn and without opening framework assemblies, because it runs on every hit:
/// the framework is identified by the runtime version (part of the runtime revision), extra references by
/// path, size and mtime, types by full name and module version id.
/// </summary>
internal static class CompileFingerprint
{
    /// <summary>How the image is emitted; part of the key so that a change of emit settings recompiles.</summary>
    public const string EmitSettings = "pe;pdb=embedded;source=embedded;deterministic;class=Submission#0;factory=<Factory>";

    public static uint Compute(CompileSettings settings) =>
        CacheEnvironment.Hash32(CanonicalForm(settings));

    /// <summary>One line per input, in a fixed order; lists keep their order because order can matter.</summary>
    public static string CanonicalForm(CompileSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder(512);
        Line(text, "emit", EmitSettings);
        Line(text, "langversion", settings.LanguageVersion ?? "default");
        Line(text, "optimize", settings.Optimize ? "1" : "0");
        Line(text, "unsafe", settings.AllowUnsafe ? "1" : "0");
        Line(text, "packages", settings.AllowPackageReferences ? "1" : "0");
        Line(text, "imports", string.Join(';', settings.Imports));
        Line(text, "defines", string.Join(';', settings.PreprocessorSymbols));
        Line(text, "globals", Describe(settings.GlobalsType));
        Line(text, "return", Describe(settings.ReturnType));
        foreach (var reference in settings.References)
        {
            // By path only: the manifest keys each reference by its identity, as it keys #r assemblies, so a
            // touched reference revalidates and a rebuilt one recompiles within the same namespace.
            Line(text, "reference", reference);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, string value) =>
        text.Append(name).Append('=').Append(value).Append('\n');

    // The full name and the module version id identify a type: the id changes with every build of its assembly,
    // which makes the assembly-qualified name (whose first formatting is start-up work) redundant.
    private static string Describe(Type? type) =>
        type is null ? "none" : (type.FullName ?? type.Name) + "|" + CacheEnvironment.ModuleVersionText(type.Module.ModuleVersionId);
}
