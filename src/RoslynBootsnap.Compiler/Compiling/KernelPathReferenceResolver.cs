using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Resolves <c>#r</c> with the scripting resolver, after turning a file path into the file the kernel would open
/// (see <see cref="KernelPath"/>): the compiler would otherwise collapse a <c>..</c> after a symbolic link and
/// reference a different DLL than the one the path names. Assembly names (<c>#r "System.Xml"</c>) pass through;
/// <c>#r "sdk:..."</c> goes to <see cref="SdkReferences"/>.
/// </summary>
internal sealed class KernelPathReferenceResolver : MetadataReferenceResolver
{
    private readonly MetadataReferenceResolver _inner;
    private readonly string _baseDirectory;
    private readonly ConcurrentDictionary<string, SdkFramework> _sdks = new(StringComparer.OrdinalIgnoreCase);

    private readonly SchemeResolver? _packages;
    private readonly RelativeNames? _names;

    public KernelPathReferenceResolver(MetadataReferenceResolver inner, string baseDirectory, SchemeResolver? packages = null, RelativeNames? names = null)
    {
        _packages = packages;
        _names = names;
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        _inner = inner;
        _baseDirectory = baseDirectory;
    }

    public override bool ResolveMissingAssemblies => _inner.ResolveMissingAssemblies;

    /// <summary>The frameworks <c>#r "sdk:..."</c> brought in, so far.</summary>
    public IReadOnlyList<SdkFramework> Sdks => [.. _sdks.Values];

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (_packages is not null && _packages.Claims(reference))
        {
            return _packages.ResolveReference(reference);
        }

        if (!string.IsNullOrEmpty(reference) && SdkReferences.IsSdk(reference))
        {
            var references = SdkReferences.Resolve(reference, out var framework);
            if (framework is not null)
            {
                _sdks.TryAdd(framework.Sdk, framework);
            }

            return references;
        }

        if (!string.IsNullOrEmpty(reference) && reference.Contains('/', StringComparison.Ordinal))
        {
            var baseDirectory = baseFilePath is null ? _baseDirectory : Path.GetDirectoryName(baseFilePath) ?? _baseDirectory;
            var full = KernelPath.GetFullPath(reference, baseDirectory);
            if (File.Exists(full))
            {
                // A path to an existing file is what the scripting resolver would read: the shared reference instead.
                _names?.Named(full, reference, baseFilePath);
                return [ReferenceCache.Get(full).WithProperties(properties)];
            }
        }

        var resolved = Shared(_inner.ResolveReference(reference, baseFilePath, properties));
        if (_names is not null && !string.IsNullOrEmpty(reference))
        {
            foreach (var path in resolved.Select(r => r.FilePath).OfType<string>())
            {
                _names.Named(Path.GetFullPath(path), reference, baseFilePath);
            }
        }

        return resolved;
    }

    /// <summary>The references with the process's shared metadata of each file, bound once across compiles.</summary>
    private static ImmutableArray<PortableExecutableReference> Shared(ImmutableArray<PortableExecutableReference> references) =>
        ImmutableArray.CreateRange(references, static r => r.FilePath is { } path && File.Exists(path) ? ReferenceCache.Get(path, r).WithProperties(r.Properties) : r);

    /// <remarks>
    /// The dependencies of a reference, the globals type's assembly above all, whose own dependencies (a host's,
    /// the compiler's) are many and large: shared across compiles, and found once, or every compile would read
    /// them again.
    /// </remarks>
    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        MissingAssemblyResolutions.Resolve(_inner, definition, referenceIdentity);

    public override bool Equals(object? other) =>
        other is KernelPathReferenceResolver resolver && _inner.Equals(resolver._inner) && string.Equals(_baseDirectory, resolver._baseDirectory, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(_inner, _baseDirectory);
}
