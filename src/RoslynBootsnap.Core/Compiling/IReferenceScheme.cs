namespace RoslynBootsnap.Compiling;

/// <summary>
/// A scheme of <c>#r</c> and <c>#load</c> directives that a part resolves to files, such as <c>nuget:</c> in
/// RoslynBootsnap.Packages. The compiler consults the schemes first, then <c>sdk:</c>, then paths; it names no
/// scheme itself, so a compiler ships without the libraries a scheme needs.
/// </summary>
internal interface IReferenceScheme
{
    /// <summary>Whether <paramref name="reference"/>, a directive's text, is of this scheme.</summary>
    bool Claims(string? reference);

    /// <summary>The resolution of one compile of <paramref name="scriptPath"/>.</summary>
    IReferenceResolution Begin(string scriptPath, CompileSettings settings, CancellationToken cancellationToken);
}
