using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

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
        // The trusted platform assemblies are all managed, unlike the framework folder on Windows.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        var paths = list
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal));

        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            builder.Add(MetadataReference.CreateFromFile(path));
        }

        return builder.ToImmutable();
    }
}
