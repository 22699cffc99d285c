using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using NuGet.Common;
using NuGet.ProjectModel;

namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// Resolves package references through NuGet itself: the SDK restores a generated project, honouring the
/// NuGet.Config hierarchy of the script's folder, and NuGet.ProjectModel reads what it resolved. Runs on a miss
/// only; a hit finds every asset recorded in the entry's manifest.
/// </summary>
internal static class PackageRestore
{
    /// <summary>Restores the packages and reads their assets.</summary>
    /// <exception cref="ScriptPackageException">A package cannot be resolved, or there is no SDK to restore with.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the restore was stopped.</exception>
    public static PackageAssets Restore(string scriptPath, IReadOnlyList<PackageReference> packages, CancellationToken cancellationToken)
    {
        var first = packages[0];
        var dotnet = DotnetHost.Find()
            ?? throw new ScriptPackageException(scriptPath, first.Id, first.Version, ScriptPackageFailure.SdkMissing,
                $"Restoring package '{first.Id}' needs the .NET SDK, and no 'dotnet' with an SDK was found. Scripts already in the cache still run.");

        var work = Directory.CreateTempSubdirectory("roslyn-bootsnap-restore-");
        try
        {
            var project = Path.Join(work.FullName, "script.csproj");
            File.WriteAllText(project, ProjectText(packages));
            var output = Run(dotnet, project, Path.GetDirectoryName(scriptPath)!, cancellationToken, out var exitCode);
            var assetsPath = Path.Join(work.FullName, "obj", LockFileFormat.AssetsFileName);
            var lockFile = File.Exists(assetsPath) ? LockFileUtilities.GetLockFile(assetsPath, NullLogger.Instance) : null;
            if (exitCode != 0 || lockFile is null || lockFile.LogMessages.Any(m => m.Level == LogLevel.Error))
            {
                throw Failure(scriptPath, packages, lockFile, output, exitCode);
            }

            return PackageAssetReader.Read(lockFile, packages);
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp dir costs nothing but space.
            }
        }
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

    private static string Run(string dotnet, string project, string configRoot, CancellationToken cancellationToken, out int exitCode)
    {
        var info = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "restore", project, "--nologo", "-v", "q", $"-p:RestoreRootConfigDirectory={configRoot}" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
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
            NuGetLogCode.NU1301 => ScriptPackageFailure.SourceUnavailable,
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
