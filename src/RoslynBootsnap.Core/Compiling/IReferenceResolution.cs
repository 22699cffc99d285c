using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// One compile's resolution of a scheme's directives (see <see cref="IReferenceScheme"/>), in files: it remembers
/// what it resolved, so the entry can load the runtime files and record each one in its manifest.
/// </summary>
internal interface IReferenceResolution
{
    /// <summary>The directives refused because the host turned the scheme off.</summary>
    IReadOnlyList<string> Refused { get; }

    /// <summary>Every compile assembly resolved, to reference and to keep out of the script's private loads.</summary>
    IEnumerable<string> CompileAssemblies { get; }

    /// <summary>The runtime assemblies and native libraries the script's context loads.</summary>
    IEnumerable<string> RuntimePaths { get; }

    /// <summary>The manifest's record of everything resolved.</summary>
    IEnumerable<Dependency> Dependencies();

    /// <summary>
    /// Resolves the <c>#r</c> directives of every file of the compile together, before the compiler binds them one
    /// by one: <paramref name="references"/> holds each directive's text, of any scheme.
    /// </summary>
    void Prepare(IEnumerable<string> references);

    /// <summary>The compile assembly for <c>#r</c> of <paramref name="reference"/>: none, or the one the directive names.</summary>
    IReadOnlyList<string> ResolveReference(string reference);

    /// <summary>The file for <c>#load</c> of <paramref name="reference"/>; <see langword="null"/> when there is none.</summary>
    string? ResolveScript(string reference);
}
