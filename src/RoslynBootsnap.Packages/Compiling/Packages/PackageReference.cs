using System.Text.RegularExpressions;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// A package named by a <c>#r "nuget: Id, Version"</c> or <c>#load "nuget: Id, Version"</c> directive, in every
/// form dotnet-script accepts: <c>Id, 1.2.3</c>, <c>Id/1.2.3</c>, <c>Id</c> alone, with or without spaces, a
/// version range (<c>[1.0,2.0)</c>), a floating version (<c>1.*</c>) or a prerelease.
/// </summary>
internal sealed partial record PackageReference(string Id, string? Version)
{
    private const string Scheme = "nuget:";

    /// <summary>
    /// Whether the version can resolve differently over time: a floating version, a range, or none at all. A plain
    /// version is what restore resolves when that version exists, so it is pinned.
    /// </summary>
    public bool IsFloating => Version is null || Version.Contains('*', StringComparison.Ordinal) || Version[0] is '[' or '(';

    /// <summary>The directive as the manifest records it.</summary>
    public string Directive => Version is null ? $"{Scheme} {Id}" : $"{Scheme} {Id}, {Version}";

    public static bool IsPackage(string? reference) =>
        reference is not null && reference.TrimStart().StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a directive's text; <see langword="false"/> when it is not a well-formed package reference.</summary>
    public static bool TryParse(string reference, out PackageReference package)
    {
        package = null!;
        if (!IsPackage(reference))
        {
            return false;
        }

        var match = Form().Match(reference.TrimStart()[Scheme.Length..]);
        if (!match.Success)
        {
            return false;
        }

        var version = match.Groups["version"].Success ? match.Groups["version"].Value.Trim() : null;
        package = new PackageReference(match.Groups["id"].Value, string.IsNullOrEmpty(version) ? null : version);
        return true;
    }

    [GeneratedRegex(@"^\s*(?<id>[A-Za-z0-9_][A-Za-z0-9_.\-]*)\s*(?:[,/]\s*(?<version>\S.*?))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
