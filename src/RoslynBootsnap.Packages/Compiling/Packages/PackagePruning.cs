using NuGet.Versioning;
using RoslynBootsnap.Loading;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// The packages the shared framework already supplies, which the SDK's restore prunes from a project's graph:
/// the targeting pack's <c>data/PackageOverrides.txt</c>, each line <c>Id|Version</c>. A dependency on one of them
/// at that version or lower is the framework's copy, so the in-process walk drops it as the SDK does.
/// </summary>
internal static class PackagePruning
{
    private static readonly Lazy<IReadOnlyDictionary<string, NuGetVersion>?> Overrides = new(Read);

    /// <summary>The framework's packages and versions; <see langword="null"/> when no targeting pack is installed.</summary>
    public static IReadOnlyDictionary<string, NuGetVersion>? Packages => Overrides.Value;

    private static IReadOnlyDictionary<string, NuGetVersion>? Read()
    {
        var dotnetRoot = Path.GetDirectoryName(PlatformAssemblies.SharedDirectory)!;
        var pack = VersionFolders.NewestOfMajor(Path.Join(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"), Environment.Version.Major);
        var file = pack is null ? null : Path.Join(pack, "data", "PackageOverrides.txt");
        if (file is null || !File.Exists(file))
        {
            return null;
        }

        var packages = new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(file))
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && NuGetVersion.TryParse(parts[1], out var version))
            {
                packages[parts[0]] = version;
            }
        }

        return packages;
    }

    /// <summary>Whether a dependency on <paramref name="id"/> from <paramref name="minimum"/> is the framework's.</summary>
    public static bool IsPruned(IReadOnlyDictionary<string, NuGetVersion> packages, string id, NuGetVersion? minimum) =>
        packages.TryGetValue(id, out var supplied) && (minimum is null || minimum <= supplied);
}
