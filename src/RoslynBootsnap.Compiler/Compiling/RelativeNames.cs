using System.Collections.Concurrent;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// The files a compile reached by a path relative to the script's own tree: named relatively (<c>#load
/// "../shared.csx"</c>, <c>#r "lib/x.dll"</c>) by the script or by a file reached so. Where such a file is
/// depends on where the script is; a file named by a full path, a package's or one named relatively by those,
/// is where it is wherever the script is.
/// </summary>
internal sealed class RelativeNames
{
    // Each resolved path, and whether some name of it depends on where the script is.
    private readonly ConcurrentDictionary<string, bool> _bound = new(StringComparer.Ordinal);

    /// <summary>The files named relatively from the script's tree so far.</summary>
    public IReadOnlyCollection<string> Paths => [.. _bound.Where(p => p.Value).Select(p => p.Key)];

    /// <summary>Records how <paramref name="resolvedPath"/> was named, by <paramref name="reference"/> in <paramref name="baseFilePath"/>.</summary>
    public void Named(string resolvedPath, string reference, string? baseFilePath)
    {
        // The script itself and anything not recorded as fixed moves with the tree.
        var fixedBase = baseFilePath is not null && _bound.TryGetValue(baseFilePath, out var baseBound) && !baseBound;
        var bound = !Path.IsPathRooted(reference) && !fixedBase;
        _bound.AddOrUpdate(resolvedPath, bound, (_, was) => was || bound);
    }

    /// <summary>Records a file a package resolution found: where it is does not depend on the script.</summary>
    public void Fixed(string resolvedPath) => _bound.TryAdd(resolvedPath, false);
}
