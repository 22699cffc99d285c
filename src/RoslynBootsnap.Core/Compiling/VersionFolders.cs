namespace RoslynBootsnap.Compiling;

/// <summary>
/// The version folders of the .NET install (<c>packs/&lt;pack&gt;/&lt;version&gt;</c>), which the compiler's
/// <c>sdk:</c> references and the package part's pruning both read.
/// </summary>
internal static class VersionFolders
{
    /// <summary>The newest version folder under <paramref name="root"/> of the given major version.</summary>
    public static string? NewestOfMajor(string root, int major)
    {
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(root)
            .Select(d => (Path: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(d => d.Version?.Major == major)
            .OrderByDescending(d => d.Version)
            .Select(d => d.Path)
            .FirstOrDefault();
    }
}
