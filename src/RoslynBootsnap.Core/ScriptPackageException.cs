namespace RoslynBootsnap;

/// <summary>
/// A package a script references (<c>#r "nuget: ..."</c> or <c>#load "nuget: ..."</c>) could not be resolved.
/// Nothing is cached, so a later load tries again. The message quotes NuGet's own.
/// </summary>
public sealed class ScriptPackageException : Exception
{
    /// <summary>Creates the exception for a package that could not be resolved.</summary>
    /// <param name="path">The script whose directive named the package.</param>
    /// <param name="packageId">The package id.</param>
    /// <param name="version">The version or range asked for; <see langword="null"/> when none was given.</param>
    /// <param name="failure">Why it could not be resolved.</param>
    /// <param name="message">What went wrong, quoting NuGet.</param>
    public ScriptPackageException(string path, string packageId, string? version, ScriptPackageFailure failure, string message)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(packageId);
        Path = path;
        PackageId = packageId;
        Version = version;
        Failure = failure;
    }

    /// <summary>The script whose directive named the package.</summary>
    public string Path { get; }

    /// <summary>The package id.</summary>
    public string PackageId { get; }

    /// <summary>The version or range asked for; <see langword="null"/> when none was given.</summary>
    public string? Version { get; }

    /// <summary>Why the package could not be resolved.</summary>
    public ScriptPackageFailure Failure { get; }
}
