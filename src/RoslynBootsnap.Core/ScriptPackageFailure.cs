namespace RoslynBootsnap;

/// <summary>Why a script's package reference (<c>#r "nuget: ..."</c>) could not be resolved.</summary>
public enum ScriptPackageFailure
{
    /// <summary>No source has a package of that id.</summary>
    NotFound,

    /// <summary>The package exists, but no version satisfies the one asked for.</summary>
    VersionNotFound,

    /// <summary>A package source could not be reached, and the package is not in the global packages folder.</summary>
    SourceUnavailable,

    /// <summary>No .NET SDK is installed, and a package restore needs one. Scripts already cached still run.</summary>
    SdkMissing,

    /// <summary>The restore failed for another reason; the message quotes it.</summary>
    RestoreFailed,

    /// <summary>
    /// The host ships a compiler but not RoslynBootsnap.Packages, which resolves packages: reference it (or
    /// RoslynBootsnap, which brings it) to use <c>#r "nuget: ..."</c>.
    /// </summary>
    PackagesUnavailable,

    /// <summary>
    /// The package <c>#r</c> names holds only native libraries, no assembly to compile against: reference the
    /// package whose assembly uses them, which brings them along.
    /// </summary>
    NativeOnly,
}
