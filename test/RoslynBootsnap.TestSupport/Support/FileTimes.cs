namespace RoslynBootsnap.Tests.Support;

/// <summary>Edits files while controlling their timestamps, as cp -p, rsync -t or a fast editor would.</summary>
internal static class FileTimes
{
    /// <summary>Rewrites a file and moves its mtime a whole second forward, so any key sees the change.</summary>
    public static void Rewrite(string path, string contents)
    {
        var before = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, contents);
        File.SetLastWriteTimeUtc(path, before.AddSeconds(1));
    }

    /// <summary>Moves the mtime forward without touching the content.</summary>
    public static void Touch(string path) =>
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));
}
