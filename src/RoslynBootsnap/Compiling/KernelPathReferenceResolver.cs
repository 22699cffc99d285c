using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Resolves <c>#r</c> with the scripting resolver, after turning a file path into the file the kernel would open
/// (see <see cref="KernelPath"/>): the compiler would otherwise collapse a <c>..</c> after a symbolic link and
/// reference a different DLL than the one the path names. Assembly names (<c>#r "System.Xml"</c>) pass through.
/// </summary>
internal sealed class KernelPathReferenceResolver : MetadataReferenceResolver
{
    private readonly MetadataReferenceResolver _inner;
    private readonly string _baseDirectory;

    public KernelPathReferenceResolver(MetadataReferenceResolver inner, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        _inner = inner;
        _baseDirectory = baseDirectory;
    }

    public override bool ResolveMissingAssemblies => _inner.ResolveMissingAssemblies;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (!string.IsNullOrEmpty(reference) && reference.Contains('/', StringComparison.Ordinal))
        {
            var baseDirectory = baseFilePath is null ? _baseDirectory : Path.GetDirectoryName(baseFilePath) ?? _baseDirectory;
            var full = KernelPath.GetFullPath(reference, baseDirectory);
            if (File.Exists(full))
            {
                return _inner.ResolveReference(full, baseFilePath, properties);
            }
        }

        return _inner.ResolveReference(reference, baseFilePath, properties);
    }

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        _inner.ResolveMissingAssembly(definition, referenceIdentity);

    public override bool Equals(object? other) =>
        other is KernelPathReferenceResolver resolver && _inner.Equals(resolver._inner) && string.Equals(_baseDirectory, resolver._baseDirectory, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(_inner, _baseDirectory);
}
