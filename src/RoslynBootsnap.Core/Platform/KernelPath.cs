using System.Runtime.InteropServices;

namespace RoslynBootsnap.Platform;

/// <summary>
/// Makes a path absolute the way the kernel reads it. <see cref="Path.GetFullPath(string)"/> collapses <c>..</c>
/// lexically, so with <c>p/link -&gt; ../q/r</c> it turns <c>p/link/../s.csx</c> into <c>p/s.csx</c>, while
/// <c>open(2)</c> (and <c>cat</c>) go through the link and open <c>q/s.csx</c>. A script must be keyed, compiled
/// and loaded as the file the kernel opens, so a <c>..</c> after a symbolic link is resolved as the kernel does.
/// </summary>
internal static class KernelPath
{
    /// <summary>
    /// The full path of <paramref name="path"/>, relative to <paramref name="baseDirectory"/> (or the current
    /// directory). A path without a <c>..</c> component comes out of <see cref="Path.GetFullPath(string)"/> as
    /// it is, which names the same file and costs no system call. Otherwise everything up to the last <c>..</c>
    /// is resolved with <c>realpath(3)</c> and the rest, which holds no <c>..</c>, is appended.
    /// </summary>
    public static string GetFullPath(string path, string? baseDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var joined = Path.IsPathRooted(path) ? path : Path.Join(baseDirectory ?? Environment.CurrentDirectory, path);
        var parent = LastParentSegmentEnd(joined);
        if (parent < 0 || OperatingSystem.IsWindows())
        {
            return Path.GetFullPath(joined);
        }

        var resolved = RealPath(joined[..parent]);
        return resolved is null
            ? Path.GetFullPath(joined) // A part is missing: nothing can be opened there either, and the error names the path as given.
            : Path.GetFullPath(Path.Join(resolved, joined[parent..]));
    }

    /// <summary>The index just past the last <c>..</c> component, or -1 when there is none.</summary>
    private static int LastParentSegmentEnd(string path)
    {
        for (var end = path.Length; end > 0;)
        {
            var start = path.LastIndexOf('/', end - 1) + 1;
            if (end - start == 2 && path[start] == '.' && path[start + 1] == '.')
            {
                return end;
            }

            end = start - 1;
        }

        return -1;
    }

    private static string? RealPath(string path)
    {
        IntPtr resolved;
        try
        {
            resolved = Libc.realpath(path, IntPtr.Zero);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Libc.free(resolved);
        }
    }
}
