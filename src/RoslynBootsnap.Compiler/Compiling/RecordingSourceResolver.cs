using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Resolves <c>#load</c> like the compiler's own resolver (relative to the loading file), except that a
/// <c>..</c> after a symbolic link goes where the kernel goes (see <see cref="KernelPath"/>), and records each
/// file it opens: size and mtime first, then the digest of exactly the bytes handed to the compiler.
/// </summary>
internal sealed class RecordingSourceResolver : SourceFileResolver
{
    private readonly ConcurrentDictionary<string, Dependency> _opened = new(StringComparer.Ordinal);

    private readonly SchemeResolver? _packages;
    private readonly RelativeNames? _names;

    public RecordingSourceResolver(string baseDirectory, SchemeResolver? packages = null, RelativeNames? names = null)
        : base(ImmutableArray<string>.Empty, baseDirectory)
    {
        _packages = packages;
        _names = names;
    }

    /// <summary>The files opened so far, in path order so that the manifest is deterministic.</summary>
    public IReadOnlyList<Dependency> Opened => [.. _opened.Values.OrderBy(d => d.Path, StringComparer.Ordinal)];

    public override string? ResolveReference(string path, string? baseFilePath)
    {
        if (_packages is not null && _packages.Claims(path))
        {
            // #load of a scheme's directive (a script package's script): recorded like any file it loads.
            var script = _packages.ResolveScript(path);
            if (script is not null)
            {
                _names?.Fixed(script);
            }

            return script;
        }

        var baseDirectory = baseFilePath is null ? BaseDirectory : Path.GetDirectoryName(baseFilePath);
        if (string.IsNullOrEmpty(path) || (baseDirectory is null && !Path.IsPathRooted(path)))
        {
            return base.ResolveReference(path, baseFilePath);
        }

        var full = KernelPath.GetFullPath(path, baseDirectory);
        if (!File.Exists(full))
        {
            return null;
        }

        _names?.Named(full, path, baseFilePath);
        return full;
    }

    public override Stream OpenRead(string resolvedPath)
    {
        var info = new FileInfo(resolvedPath);
        var size = info.Length;
        var mtime = info.LastWriteTimeUtc.Ticks;
        var bytes = File.ReadAllBytes(resolvedPath);
        _opened[resolvedPath] = new Dependency(DependencyKind.Source, resolvedPath, size, mtime, FileDigest.OfBytes(bytes));

        // A #load'ed file is held to the main script's bound on nesting: past it the parser's recursion could
        // outgrow even the compile thread's stack.
        SourceNesting.Check(Microsoft.CodeAnalysis.Text.SourceText.From(bytes, bytes.Length), resolvedPath);
        return new MemoryStream(bytes, writable: false);
    }

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
