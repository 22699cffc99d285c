namespace RoslynBootsnap.Platform;

/// <summary>Which exceptions mean the file system said no, as opposed to a bug: the ones the cache turns into a step.</summary>
internal static class FileFault
{
    /// <summary>An I/O error or a permission refusal.</summary>
    public static bool IsFileError(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>
    /// The file system refusing a write. Besides I/O and permission errors, .NET reports EFBIG (a file size limit)
    /// as <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public static bool IsWriteFault(Exception e) => IsFileError(e) || e is ArgumentOutOfRangeException;
}
