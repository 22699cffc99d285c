using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Caching;

/// <summary>
/// The base directory of a relocatable cache, as ccache's <c>base_dir</c>: a script under it is keyed by its path
/// relative to it, and the manifest records its dependencies under it relatively, so that a cache built at one
/// path serves the same tree copied to another. Paths outside it (the framework, packages) stay absolute, and an
/// entry that reached outside it by a relative path serves under this base only (see <see cref="BindingFor"/>).
/// </summary>
internal sealed class PathBase
{
    private readonly string? _directory;
    private readonly string? _prefix;

    private PathBase(string? directory)
    {
        _directory = directory;
        _prefix = directory is null ? null : Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;
    }

    /// <summary>No base: every path is recorded as it is.</summary>
    public static PathBase None { get; } = new(null);

    /// <summary>The full base directory, or <see langword="null"/>.</summary>
    public string? Directory => _directory;

    /// <summary>A base at <paramref name="directory"/>; <see langword="null"/> or blank means none.</summary>
    public static PathBase For(string? directory) =>
        string.IsNullOrWhiteSpace(directory) ? None : new(KernelPath.GetFullPath(directory) is var full && full.Length > 1 ? Path.TrimEndingDirectorySeparator(full) : full);

    /// <summary>The path as an entry records it: relative when it is under the base, else as it is.</summary>
    public string Key(string fullPath) =>
        _prefix is not null && fullPath.StartsWith(_prefix, StringComparison.Ordinal) && fullPath.Length > _prefix.Length
            ? fullPath[_prefix.Length..]
            : fullPath;

    /// <summary>The file a recorded path names here: a relative one is resolved against the base.</summary>
    public string Resolve(string recordedPath) =>
        _directory is null || Path.IsPathRooted(recordedPath) ? recordedPath : Path.Join(_directory, recordedPath);

    /// <summary>
    /// The base an entry is bound to, given the paths its source named relatively to its own tree
    /// (<c>#load "../shared.csx"</c>): empty, so that it moves with the tree, when all of them are under the base;
    /// else this base. A file outside the base stays where it is when the tree moves, while the same relative
    /// name, from a tree elsewhere, names another file, which the manifest cannot know of: the key (the path
    /// relative to the base and the content) is fixed before the compile finds its dependencies. So such an
    /// entry serves only under the base it was compiled under, where every relative name reaches the file it
    /// recorded, by absolute path and digest. Files named by a full path, packages and the framework are where
    /// they are wherever the tree is, and do not bind.
    /// </summary>
    public string BindingFor(IReadOnlyList<string> relativelyNamed)
    {
        foreach (var path in relativelyNamed)
        {
            if (_directory is not null && Path.IsPathRooted(Key(path)))
            {
                return _directory;
            }
        }

        return string.Empty;
    }

    /// <summary>Whether an entry with this <see cref="BindingFor">binding</see> may serve under this base.</summary>
    public bool Admits(string binding) => binding.Length == 0 || string.Equals(binding, _directory, StringComparison.Ordinal);

    /// <summary>The dependencies as an entry records them: those under the base relative to it.</summary>
    public IReadOnlyList<Dependency> KeyAll(IReadOnlyList<Dependency> dependencies)
    {
        if (_prefix is null)
        {
            return dependencies;
        }

        var keyed = new Dependency[dependencies.Count];
        for (var i = 0; i < keyed.Length; i++)
        {
            keyed[i] = dependencies[i] with { Path = Key(dependencies[i].Path) };
        }

        return keyed;
    }
}
