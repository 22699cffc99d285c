using System.Runtime.Versioning;
using System.Security.Cryptography;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Platform;

/// <summary>
/// A fresh directory that only the current user can write to, for a tool that acts on whatever it finds around its
/// work (MSBuild imports build files from every directory above a project): <c>&lt;root&gt;/&lt;area&gt;/&lt;random&gt;</c>,
/// made with mode 0700, where the root and the area are real directories owned by the current user that neither
/// group nor others can write to. Each is opened without following a link and judged through its handle, and the
/// next is made inside it through that handle. Disposing removes the directory and everything in it, again
/// without following a link.
/// </summary>
internal sealed class WorkDirectory : IDisposable
{
    /// <summary>A directory that only its owner can use.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const ushort GroupOrOtherWrite = 0x12; // S_IWGRP | S_IWOTH

    // A leftover of a process that was killed mid-work is removed by a later one once it is this old: no work
    // takes that long.
    private static readonly TimeSpan Abandoned = TimeSpan.FromDays(1);

    private readonly DirectoryHandle? _area;
    private readonly string _name;

    private WorkDirectory(string path, DirectoryHandle? area, string name)
    {
        Path = path;
        _area = area;
        _name = name;
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Makes a fresh directory in <c>&lt;<paramref name="root"/>&gt;/&lt;<paramref name="area"/>&gt;</c>, creating
    /// both (mode 0700) when missing. <see langword="null"/>, with the reason, when either is not a real directory
    /// of the current user that only that user can write to, or the directory cannot be made.
    /// </summary>
    /// <param name="root">The cache dir.</param>
    /// <param name="area">The directory in it that holds work dirs of one kind.</param>
    /// <param name="problem">Why there is none.</param>
    /// <param name="time">The clock that says which work dirs were abandoned; the system's unless a test passes another.</param>
    public static WorkDirectory? CreateOrNull(string root, string area, out string? problem, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(area);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                var path = System.IO.Path.Join(root, area, NewName());
                Directory.CreateDirectory(path);
                problem = null;
                return new WorkDirectory(path, null, string.Empty);
            }

            PrivateDirectory.Create(root);
            return DirectoryHandle.IsSupported ? CreateThroughHandles(root, area, time ?? TimeProvider.System, out problem) : CreateByPath(root, area, out problem);
        }
        catch (Exception e) when (FileFault.IsWriteFault(e))
        {
            problem = $"'{root}' cannot be used: {e.Message}";
            return null;
        }
    }

    /// <summary>Removes the directory and everything in it; best effort.</summary>
    public void Dispose()
    {
        if (_area is not null)
        {
            TryRemove(_area, _name);
            _area.Dispose();
            return;
        }

        try
        {
            // .NET removes a link inside the tree rather than following it.
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (FileFault.IsFileError(e))
        {
            // Left behind: it costs space, nothing more.
        }
    }

    private static WorkDirectory? CreateThroughHandles(string root, string area, TimeProvider time, out string? problem)
    {
        using var rootHandle = DirectoryHandle.OpenOrNull(root, out problem);
        if (Refuse(rootHandle, root, ref problem))
        {
            return null;
        }

        rootHandle!.CreateDirectory(area);
        var areaHandle = rootHandle.OpenDirectoryOrNull(area, out problem);
        if (Refuse(areaHandle, System.IO.Path.Join(root, area), ref problem))
        {
            areaHandle?.Dispose();
            return null;
        }

        var kept = false;
        try
        {
            RemoveAbandoned(areaHandle!, time);
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var name = NewName();
                if (!areaHandle!.CreateDirectory(name))
                {
                    continue;
                }

                using var made = areaHandle.OpenDirectoryOrNull(name, out problem);
                var path = System.IO.Path.Join(areaHandle.Path, name);
                if (Refuse(made, path, ref problem))
                {
                    TryRemove(areaHandle, name);
                    return null;
                }

                kept = true;
                return new WorkDirectory(path, areaHandle, name);
            }

            problem = $"no fresh directory could be made in '{areaHandle!.Path}'";
            return null;
        }
        finally
        {
            if (!kept)
            {
                areaHandle!.Dispose();
            }
        }
    }

    /// <summary>Where directories cannot be opened relative to one another: the same checks, by path.</summary>
    [UnsupportedOSPlatform("windows")]
    private static WorkDirectory? CreateByPath(string root, string area, out string? problem)
    {
        var areaPath = System.IO.Path.Join(root, area);
        Directory.CreateDirectory(areaPath, OwnerOnly);
        if ((problem = ProblemByPath(root) ?? ProblemByPath(areaPath)) is not null)
        {
            return null;
        }

        var path = System.IO.Path.Join(areaPath, NewName());
        Directory.CreateDirectory(path, OwnerOnly);
        problem = ProblemByPath(path);
        return problem is null ? new WorkDirectory(path, null, string.Empty) : null;
    }

    [UnsupportedOSPlatform("windows")]
    private static string? ProblemByPath(string path)
    {
        var info = new DirectoryInfo(path);
        return info.LinkTarget is not null ? $"'{path}' is a symbolic link"
            : ((ushort)info.UnixFileMode & GroupOrOtherWrite) != 0 ? $"'{path}' can be written by group or others"
            : null;
    }

    /// <summary>
    /// Whether the directory opened (or not) at <paramref name="path"/> is refused, with the reason: it must be
    /// there, be a directory, belong to the current user and be writable by nobody else.
    /// </summary>
    private static bool Refuse(DirectoryHandle? handle, string path, ref string? problem)
    {
        if (handle is null)
        {
            problem = $"'{path}' {problem ?? "does not exist"}";
            return true;
        }

        var status = handle.Status;
        problem = !status.IsDirectory ? $"'{path}' is not a directory"
            : !UnixFile.TryGetEffectiveUser(out var user) || status.Owner != user ? $"'{path}' belongs to user {status.Owner}, not the current user"
            : (status.Mode & GroupOrOtherWrite) != 0 ? $"'{path}' can be written by group or others"
            : null;
        return problem is not null;
    }

    private static void RemoveAbandoned(DirectoryHandle area, TimeProvider time)
    {
        var before = time.GetUtcNow().UtcTicks - Abandoned.Ticks;
        foreach (var name in area.ReadNames())
        {
            if (area.TryGetStatus(name, out var status) && status.WriteTicks < before)
            {
                TryRemove(area, name);
            }
        }
    }

    private static void TryRemove(DirectoryHandle area, string name)
    {
        try
        {
            area.RemoveTree(name);
        }
        catch (CacheIOException)
        {
            // Left behind: it costs space, nothing more, and a later restore removes it once abandoned.
        }
    }

    private static string NewName() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
