namespace RoslynBootsnap.Platform;

/// <summary>A directory that must be private to the current user is not: the compile server neither serves nor is spoken to there.</summary>
internal sealed class PrivateDirectoryException : IOException
{
    public PrivateDirectoryException(string path, string reason)
        : base($"'{path}' {reason}: it must be a directory of the current user that no one else can write.")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, to follow its path: <c>is a symbolic link</c>.</summary>
    public string Reason { get; }
}
