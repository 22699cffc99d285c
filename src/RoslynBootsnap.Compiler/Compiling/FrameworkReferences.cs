using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RoslynBootsnap.Loading;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// The whole shared framework as compile references, so a script can use any public framework API
/// without <c>#r</c>. Built once per process and shared by every compile: parsing reference metadata is a
/// large part of a cold compile.
/// </summary>
internal static class FrameworkReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Create);

    public static ImmutableArray<MetadataReference> References => All.Value;

    private static ImmutableArray<MetadataReference> Create()
    {
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in PlatformAssemblies.FrameworkPaths)
        {
            builder.Add(MetadataReference.CreateFromFile(path));
        }

        return builder.ToImmutable();
    }
}
