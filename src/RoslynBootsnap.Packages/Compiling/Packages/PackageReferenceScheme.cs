namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// The <c>nuget:</c> scheme of <c>#r</c> and <c>#load</c>, behind the core's reference seam; the core finds this
/// type by name (see <c>ScriptParts</c>), and the compiler consults it before <c>sdk:</c> and paths.
/// </summary>
internal sealed class PackageReferenceScheme : IReferenceScheme
{
    public bool Claims(string? reference) => PackageReference.IsPackage(reference);

    public IReferenceResolution Begin(string scriptPath, CompileSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new PackageResolver(scriptPath, settings.AllowPackageReferences, settings.CacheDirectory, cancellationToken);
    }
}
