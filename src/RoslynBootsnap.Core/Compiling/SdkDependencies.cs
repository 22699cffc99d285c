using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// What an entry records for the frameworks its script brought in with <c>#r "sdk:"</c>: the implementation
/// assemblies as private references, which the script's context loads by path on a hit without resolving
/// anything, and one marker assembly per framework in the manifest, so that a framework updated or removed
/// makes the entry stale instead of failing to load.
/// </summary>
internal static class SdkDependencies
{
    public static IEnumerable<string> RuntimePaths(IEnumerable<SdkFramework> sdks) =>
        sdks.OrderBy(s => s.Sdk, StringComparer.Ordinal).SelectMany(s => s.RuntimePaths);

    public static IEnumerable<Dependency> Markers(IEnumerable<SdkFramework> sdks)
    {
        foreach (var sdk in sdks.OrderBy(s => s.Sdk, StringComparer.Ordinal))
        {
            var info = new FileInfo(sdk.Marker);
            yield return new Dependency(DependencyKind.Assembly, sdk.Marker, info.Length, info.LastWriteTimeUtc.Ticks, FileDigest.OfAssembly(sdk.Marker));
        }
    }
}
