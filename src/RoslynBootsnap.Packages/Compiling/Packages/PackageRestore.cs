using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using NuGet.Common;
using NuGet.ProjectModel;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// Resolves package references through NuGet itself: the SDK restores a generated project, honouring the
/// NuGet.Config hierarchy of the script's folder, and NuGet.ProjectModel reads what it resolved. Runs on a miss
/// only; a hit finds every asset recorded in the entry's manifest.
/// </summary>
internal static class PackageRestore
{
    /// <summary>Where, inside the cache dir, each restore gets a private directory of its own.</summary>
    public const string WorkArea = ".restore";

    // The dotnet host and MSBuild's SDK resolver each look for a global.json from where they start upwards, and one
    // a parent directory holds could name an SDK, or SDK paths, of its own: this one ends the search. With no
    // version it selects what no global.json at all would, the newest SDK, previews included.
    private const string GlobalJson = """{ "sdk": { "rollForward": "latestMajor", "allowPrerelease": true } }""";

    // MSBuild imports build files it finds in the directories above a project, a response file beside it, the
    // user's own extension folders and the project's extension files; a restore needs none of them.
    private static readonly string[] ClosedImports =
    [
        "-noAutoResponse",
        "-nodeReuse:false",
        "--disable-build-servers",
        "-p:ImportDirectoryBuildProps=false",
        "-p:ImportDirectoryBuildTargets=false",
        "-p:ImportDirectoryPackagesProps=false",
        "-p:ImportProjectExtensionProps=false",
        "-p:ImportProjectExtensionTargets=false",
        "-p:ImportUserLocationsByWildcardBeforeMicrosoftCommonProps=false",
        "-p:ImportUserLocationsByWildcardAfterMicrosoftCommonProps=false",
        "-p:ImportUserLocationsByWildcardBeforeMicrosoftCommonTargets=false",
        "-p:ImportUserLocationsByWildcardAfterMicrosoftCommonTargets=false",
    ];

    /// <summary>
    /// Restores the packages and reads their assets. The restore runs in a directory private to the current user
    /// inside <paramref name="cacheDirectory"/> (else the default cache dir), never in the shared temp dir, with
    /// every import but the SDK's own closed and an environment of only what it needs: MSBuild runs what it
    /// imports, with the rights of whoever runs the script.
    /// </summary>
    /// <exception cref="ScriptPackageException">A package cannot be resolved, or there is no SDK or private directory to restore with.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the restore was stopped.</exception>
    public static PackageAssets Restore(string scriptPath, IReadOnlyList<PackageReference> packages, string? cacheDirectory, CancellationToken cancellationToken)
    {
        var first = packages[0];
        var dotnet = DotnetHost.Find()
            ?? throw new ScriptPackageException(scriptPath, first.Id, first.Version, ScriptPackageFailure.SdkMissing,
                $"Restoring package '{first.Id}' needs the .NET SDK, and no 'dotnet' with an SDK was found. Scripts already in the cache still run.");

        using var work = CreateWorkDirectory(scriptPath, first, cacheDirectory);
        var project = Path.Join(work.Path, "script.csproj");
        File.WriteAllText(project, ProjectText(packages));
        File.WriteAllText(Path.Join(work.Path, "global.json"), GlobalJson);
        // Its temp dir is private too: MSBuild and NuGet write scratch files there.
        var temp = Path.Join(work.Path, "tmp");
        Directory.CreateDirectory(temp);
        var output = Run(dotnet, work.Path, project, temp, Path.GetDirectoryName(scriptPath)!, cancellationToken, out var exitCode);
        var assetsPath = Path.Join(work.Path, "obj", LockFileFormat.AssetsFileName);
        var lockFile = File.Exists(assetsPath) ? LockFileUtilities.GetLockFile(assetsPath, NullLogger.Instance) : null;
        if (exitCode != 0 || lockFile is null || lockFile.LogMessages.Any(m => m.Level == LogLevel.Error))
        {
            throw Failure(scriptPath, packages, lockFile, output, exitCode);
        }

        return PackageAssetReader.Read(lockFile, packages);
    }

    /// <summary>A private directory for one restore: in the cache dir, else in the default one.</summary>
    private static WorkDirectory CreateWorkDirectory(string scriptPath, PackageReference first, string? cacheDirectory)
    {
        var problems = new List<string>();
        foreach (var root in new[] { cacheDirectory ?? ScriptCache.DefaultCacheDirectory, ScriptCache.DefaultCacheDirectory }.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            if (WorkDirectory.CreateOrNull(root, WorkArea, out var problem) is { } work)
            {
                return work;
            }

            problems.Add(problem ?? root);
        }

        throw new ScriptPackageException(scriptPath, first.Id, first.Version, ScriptPackageFailure.RestoreFailed,
            $"Restoring package '{first.Id}' needs a directory only the current user can write to, and none could be made: {string.Join("; ", problems)}.");
    }

    private static string ProjectText(IReadOnlyList<PackageReference> packages)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                <EnableDefaultItems>false</EnableDefaultItems>
                <NuGetAudit>false</NuGetAudit>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>

            """);
        foreach (var package in packages.DistinctBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(CultureInfo.InvariantCulture, $"    <PackageReference Include=\"{SecurityElement.Escape(package.Id)}\" Version=\"{SecurityElement.Escape(package.Version ?? "*")}\" />\n");
        }

        text.Append("  </ItemGroup>\n</Project>\n");
        return text.ToString();
    }

    private static string Run(string dotnet, string workDirectory, string project, string temp, string configRoot, CancellationToken cancellationToken, out int exitCode)
    {
        var info = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workDirectory,
        };

        // NuGet.Config comes from the script's folder and its parents, then the user's and the machine's, as documented.
        foreach (var argument in new[] { "restore", project, "--nologo", "-v", "q", $"-p:RestoreRootConfigDirectory={configRoot}" }.Concat(ClosedImports))
        {
            info.ArgumentList.Add(argument);
        }

        RestoreEnvironment.Apply(info.Environment, temp);
        using var process = Process.Start(info)
            ?? throw new InvalidOperationException("The restore process could not be started.");
        process.StandardInput.Close();
        using var kill = cancellationToken.Register(static p =>
        {
            try
            {
                ((Process)p!).Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited already.
            }
        }, process);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        cancellationToken.ThrowIfCancellationRequested();
        exitCode = process.ExitCode;
        return stdout + stderr.GetAwaiter().GetResult();
    }

    private static ScriptPackageException Failure(string scriptPath, IReadOnlyList<PackageReference> packages, LockFile? lockFile, string output, int exitCode)
    {
        var error = lockFile?.LogMessages.FirstOrDefault(m => m.Level == LogLevel.Error);
        var package = packages.FirstOrDefault(p => error?.LibraryId is { } id && string.Equals(id, p.Id, StringComparison.OrdinalIgnoreCase)) ?? packages[0];
        var failure = error?.Code switch
        {
            NuGetLogCode.NU1101 => ScriptPackageFailure.NotFound,
            NuGetLogCode.NU1100 or NuGetLogCode.NU1102 or NuGetLogCode.NU1103 => ScriptPackageFailure.VersionNotFound,
            // NU1302: an http:// source, which NuGet does not even try unless the config allows it.
            NuGetLogCode.NU1301 or NuGetLogCode.NU1302 => ScriptPackageFailure.SourceUnavailable,
            _ => ScriptPackageFailure.RestoreFailed,
        };
        var quoted = error is not null
            ? $"{error.Code}: {error.Message}"
            : string.Join('\n', output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(20));
        var what = failure switch
        {
            ScriptPackageFailure.NotFound => $"Package '{package.Id}' was not found",
            ScriptPackageFailure.VersionNotFound => $"No version of package '{package.Id}' matches '{package.Version ?? "*"}'",
            ScriptPackageFailure.SourceUnavailable => $"Package '{package.Id}' could not be restored: a package source is unreachable",
            _ => $"Restoring package '{package.Id}' failed (exit code {exitCode})",
        };
        return new ScriptPackageException(scriptPath, package.Id, package.Version, failure, $"{what}. NuGet says: {quoted}");
    }
}
