using System.Runtime.InteropServices;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>Finds a <c>dotnet</c> host that has an SDK, which a package restore needs.</summary>
internal static class DotnetHost
{
    /// <summary>Names the host to restore with; when set, no other is looked for.</summary>
    public const string HostVariable = ScriptEnvironment.DotnetVariable;

    /// <summary>The host's path, or <see langword="null"/> when no host with an SDK is found.</summary>
    public static string? Find()
    {
        if (ScriptEnvironment.Dotnet is { Length: > 0 } named)
        {
            return HasSdk(named) is { } host ? host : null;
        }

        var candidates = new List<string?>
        {
            ScriptEnvironment.DotnetHostPath,
            ScriptEnvironment.DotnetRoot is { Length: > 0 } root ? Path.Join(root, "dotnet") : null,

            // <root>/shared/Microsoft.NETCore.App/<version>/ of the running runtime.
            Path.Join(Path.GetFullPath(Path.Join(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")), "dotnet"),
        };
        foreach (var directory in (ScriptEnvironment.SearchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Join(directory, "dotnet"));
        }

        return candidates.Select(HasSdk).FirstOrDefault(h => h is not null);
    }

    /// <summary>The host itself, links followed, when an SDK is installed beside it.</summary>
    private static string? HasSdk(string? candidate)
    {
        if (candidate is null || !File.Exists(candidate))
        {
            return null;
        }

        var host = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
        var sdks = Path.Join(Path.GetDirectoryName(host), "sdk");
        return Directory.Exists(sdks) && Directory.EnumerateDirectories(sdks).Any() ? host : null;
    }
}
