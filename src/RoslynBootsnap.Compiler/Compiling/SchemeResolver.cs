using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Composition;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// One compile's resolutions of the schemes the parts bring (see <see cref="IReferenceScheme"/>), in the order
/// <see cref="ScriptParts.ReferenceSchemes"/> gives them: what a directive of a scheme resolves to, in the
/// compiler's terms, and everything resolved, for the entry.
/// </summary>
internal sealed class SchemeResolver
{
    private readonly (IReferenceScheme Scheme, IReferenceResolution Resolution)[] _schemes;

    public SchemeResolver(string scriptPath, CompileSettings settings, CancellationToken cancellationToken)
        : this(ScriptParts.ReferenceSchemes, scriptPath, settings, cancellationToken)
    {
    }

    public SchemeResolver(IReadOnlyList<IReferenceScheme> schemes, string scriptPath, CompileSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        _schemes = [.. schemes.Select(s => (s, s.Begin(scriptPath, settings, cancellationToken)))];
    }

    /// <summary>The directives refused because the host turned their scheme off.</summary>
    public IReadOnlyList<string> Refused => [.. _schemes.SelectMany(s => s.Resolution.Refused)];

    /// <summary>The compile assemblies of everything resolved, to keep out of the script's private loads.</summary>
    public IEnumerable<string> CompileAssemblies => _schemes.SelectMany(s => s.Resolution.CompileAssemblies);

    /// <summary>The runtime assemblies and native libraries the script's context loads.</summary>
    public IEnumerable<string> RuntimePaths => _schemes.SelectMany(s => s.Resolution.RuntimePaths).Distinct(StringComparer.Ordinal);

    /// <summary>The manifest's record of everything resolved.</summary>
    public IEnumerable<Dependency> Dependencies() => _schemes.SelectMany(s => s.Resolution.Dependencies());

    /// <summary>Whether a scheme claims <paramref name="reference"/>.</summary>
    public bool Claims(string? reference) => Find(reference) is not null;

    /// <summary>The compile reference for <c>#r</c> of a scheme's directive.</summary>
    public ImmutableArray<PortableExecutableReference> ResolveReference(string reference)
    {
        if (Find(reference) is not { } resolution)
        {
            return [];
        }

        var refused = resolution.Refused.Count;
        var paths = resolution.ResolveReference(reference);
        if (paths.Count > 0)
        {
            return [.. paths.Select(p => ReferenceCache.Get(p))];
        }

        // A package the framework supplies, or one of analyzers or content only, resolves to nothing to compile
        // against, and the compiler takes no reference for a file not found (CS0006): the directive gets one the
        // compile has anyway. A refused directive stays unresolved, so its own error is the one reported.
        return resolution.Refused.Count > refused ? [] : [(PortableExecutableReference)FrameworkReferences.References[0]];
    }

    /// <summary>The file for <c>#load</c> of a scheme's directive; <see langword="null"/> when there is none.</summary>
    public string? ResolveScript(string reference) => Find(reference)?.ResolveScript(reference);

    /// <summary>Hands each scheme every <c>#r</c> of the compile's syntax trees, before the compiler binds them one by one.</summary>
    public void Prepare(IEnumerable<SyntaxTree> trees, CancellationToken cancellationToken)
    {
        var references = trees
            .SelectMany(t => t.GetCompilationUnitRoot(cancellationToken).GetReferenceDirectives())
            .Select(d => d.File.ValueText)
            .ToList();
        foreach (var (scheme, resolution) in _schemes)
        {
            resolution.Prepare(references.Where(scheme.Claims));
        }
    }

    /// <summary>
    /// The compilation with every compile assembly the schemes resolved. Reading the directive references binds
    /// only the references, which the emit needs anyway and the compilation keeps.
    /// </summary>
    public CSharpCompilation WithResolved(CSharpCompilation compilation)
    {
        var direct = compilation.DirectiveReferences
            .OfType<PortableExecutableReference>()
            .Select(r => r.FilePath)
            .ToHashSet(StringComparer.Ordinal);
        var more = CompileAssemblies
            .Distinct(StringComparer.Ordinal)
            .Where(p => !direct.Contains(p))
            .Select(p => (MetadataReference)ReferenceCache.Get(p))
            .ToList();
        return more.Count == 0 ? compilation : compilation.AddReferences(more);
    }

    private IReferenceResolution? Find(string? reference)
    {
        foreach (var (scheme, resolution) in _schemes)
        {
            if (scheme.Claims(reference))
            {
                return resolution;
            }
        }

        return null;
    }
}
