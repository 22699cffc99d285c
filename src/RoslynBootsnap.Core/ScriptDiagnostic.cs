using System.Globalization;

namespace RoslynBootsnap;

/// <summary>
/// One compiler diagnostic of a script: its id, severity, message and where in which file it points.
/// </summary>
/// <remarks>
/// The library's own copy of the compiler's diagnostic, so that code which handles compile errors loads no
/// compiler assembly. Lines and columns are 1-based; columns count UTF-16 code units, as the compiler does.
/// <see cref="ToString"/> gives the command-line compiler's format.
/// </remarks>
public sealed class ScriptDiagnostic
{
    /// <summary>Creates a diagnostic.</summary>
    /// <param name="id">The compiler's id, such as <c>CS1002</c>.</param>
    /// <param name="severity">How severe it is.</param>
    /// <param name="message">The message, in words.</param>
    /// <param name="filePath">The file it points into, or <see langword="null"/> when it has no source location.</param>
    /// <param name="startLine">The 1-based line where the span starts; 0 without a source location.</param>
    /// <param name="startColumn">The 1-based column where the span starts; 0 without a source location.</param>
    /// <param name="endLine">The 1-based line where the span ends; 0 without a source location.</param>
    /// <param name="endColumn">The 1-based column just past the span's last character; 0 without a source location.</param>
    public ScriptDiagnostic(
        string id,
        ScriptDiagnosticSeverity severity,
        string message,
        string? filePath,
        int startLine,
        int startColumn,
        int endLine,
        int endColumn)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfNegative(startLine);
        ArgumentOutOfRangeException.ThrowIfNegative(startColumn);
        ArgumentOutOfRangeException.ThrowIfNegative(endLine);
        ArgumentOutOfRangeException.ThrowIfNegative(endColumn);
        Id = id;
        Severity = severity;
        Message = message;
        FilePath = filePath;
        StartLine = startLine;
        StartColumn = startColumn;
        EndLine = endLine;
        EndColumn = endColumn;
    }

    /// <summary>The compiler's id, such as <c>CS1002</c>.</summary>
    public string Id { get; }

    /// <summary>How severe it is.</summary>
    public ScriptDiagnosticSeverity Severity { get; }

    /// <summary>The message, in words, without file, position or id.</summary>
    public string Message { get; }

    /// <summary>
    /// The file it points into: the script or a <c>#load</c>ed file, as a <c>#line</c> directive maps it.
    /// <see langword="null"/> when it has no source location, as for a bad option.
    /// </summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line where the span starts; 0 when <see cref="FilePath"/> is <see langword="null"/>.</summary>
    public int StartLine { get; }

    /// <summary>The 1-based column where the span starts; 0 when <see cref="FilePath"/> is <see langword="null"/>.</summary>
    public int StartColumn { get; }

    /// <summary>The 1-based line where the span ends; 0 when <see cref="FilePath"/> is <see langword="null"/>.</summary>
    public int EndLine { get; }

    /// <summary>
    /// The 1-based column just past the span's last character, on <see cref="EndLine"/>; 0 when
    /// <see cref="FilePath"/> is <see langword="null"/>.
    /// </summary>
    public int EndColumn { get; }

    /// <summary>
    /// The diagnostic as the command-line compiler prints it: <c>path(line,col): error CS1002: ; expected</c>,
    /// or <c>error CS1002: message</c> without a source location.
    /// </summary>
    /// <returns>The formatted diagnostic.</returns>
    public override string ToString()
    {
        var prefix = $"{SeverityName(Severity)} {Id}: {Message}";
        return FilePath is null
            ? prefix
            : string.Create(CultureInfo.InvariantCulture, $"{FilePath}({StartLine},{StartColumn}): {prefix}");
    }

    private static string SeverityName(ScriptDiagnosticSeverity severity) => severity switch
    {
        ScriptDiagnosticSeverity.Hidden => "hidden",
        ScriptDiagnosticSeverity.Info => "info",
        ScriptDiagnosticSeverity.Warning => "warning",
        _ => "error",
    };
}
