namespace RoslynBootsnap.Caching;

/// <summary>
/// The base directory of a relocatable cache, as ccache's <c>base_dir</c>: a script under it is keyed by its path
/// relative to it, and the manifest records its dependencies under it relatively, so that a cache built at one
/// path serves the same tree copied to another. Paths outside it (the framework, packages) stay absolute.
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
