using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// A local folder feed of small real packages, built in a temp dir with <c>dotnet pack</c>, and a NuGet.Config
/// beside the scripts that names only this feed and a private global packages folder, so restores never touch a
/// network source or the machine's cache.
/// </summary>
internal sealed class PackageFeed
{
    public PackageFeed(string root)
    {
        Root = root;
        Directory.CreateDirectory(FeedDirectory);
        File.WriteAllText(Path.Join(root, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{SecurityElement.Escape(GlobalPackagesFolder)}" /></config>
              <packageSources><clear /><add key="local" value="{SecurityElement.Escape(FeedDirectory)}" /></packageSources>
            </configuration>
            """);
    }

    /// <summary>Scripts go here or below: restores find the NuGet.Config that names the feed.</summary>
    public string Root { get; }

    public string FeedDirectory => Path.Join(Root, "feed");

    public string GlobalPackagesFolder => Path.Join(Root, "packages");

    /// <summary>The folder a package version is extracted to.</summary>
    public string PackageFolder(string id, string version) => Path.Join(GlobalPackagesFolder, id.ToLowerInvariant(), version);

    /// <summary>Packs a library of <paramref name="code"/> as package <paramref name="id"/>, with <c>dotnet pack</c>.</summary>
    public void AddLibrary(string id, string version, string code, IReadOnlyList<(string Id, string Version)>? dependencies = null, IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var project = ProjectDirectory(id, version);
        File.WriteAllText(Path.Join(project, "Code.cs"), code);
        var items = new StringBuilder();
        foreach (var (dependencyId, dependencyVersion) in dependencies ?? [])
        {
            // Packed as a package dependency on the referenced project's package.
            items.Append(CultureInfo.InvariantCulture, $"<ProjectReference Include=\"{SecurityElement.Escape(Path.Join(ProjectDirectory(dependencyId, dependencyVersion), dependencyId + ".csproj"))}\" />");
        }

        foreach (var (packagePath, source) in extraFiles ?? new Dictionary<string, string>())
        {
            items.Append(CultureInfo.InvariantCulture, $"<None Include=\"{SecurityElement.Escape(source)}\" Pack=\"true\" PackagePath=\"{SecurityElement.Escape(packagePath)}\" />");
        }

        Pack(project, id, version, items.ToString(), includeBuildOutput: true);
    }

    /// <summary>Packs a script package: its script as <c>contentFiles/csx/any/main.csx</c>.</summary>
    public void AddScriptPackage(string id, string version, string script)
    {
        var project = ProjectDirectory(id, version);
        var path = Path.Join(project, "main.csx");
        File.WriteAllText(path, script);
        Pack(project, id, version, "<None Include=\"main.csx\" Pack=\"true\" PackagePath=\"contentFiles/csx/any/main.csx\" />", includeBuildOutput: false);
    }

    /// <summary>
    /// Writes a package of the given files (paths inside the package, and their text) straight into the feed, with
    /// nuspec dependencies on any package, the framework's included: a package of one kind of asset only.
    /// </summary>
    public void AddPackage(string id, string version, IReadOnlyDictionary<string, string> files, IReadOnlyList<(string Id, string Version)>? dependencies = null)
    {
        var group = new StringBuilder();
        foreach (var (dependencyId, dependencyVersion) in dependencies ?? [])
        {
            group.Append(CultureInfo.InvariantCulture, $"<dependency id=\"{SecurityElement.Escape(dependencyId)}\" version=\"{SecurityElement.Escape(dependencyVersion)}\" />");
        }

        var nuspec = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{SecurityElement.Escape(id)}</id>
                <version>{SecurityElement.Escape(version)}</version>
                <authors>tests</authors>
                <description>A package the tests wrote.</description>
                <dependencies><group targetFramework="net10.0">{group}</group></dependencies>
              </metadata>
            </package>
            """;
        using var package = ZipFile.Open(Path.Join(FeedDirectory, $"{id}.{version}.nupkg".ToLowerInvariant()), ZipArchiveMode.Create);
        foreach (var (path, text) in files.Append(new KeyValuePair<string, string>(id + ".nuspec", nuspec)))
        {
            using var writer = new StreamWriter(package.CreateEntry(path).Open());
            writer.Write(text);
        }
    }

    /// <summary>Builds a real shared library exporting <c>int answer(void)</c> that returns <paramref name="answer"/>.</summary>
    public string BuildNativeLibrary(string name, int answer)
    {
        var directory = Path.Join(Root, "build", "native");
        Directory.CreateDirectory(directory);
        var source = Path.Join(directory, name + ".c");
        var output = Path.Join(directory, "lib" + name + ".so");
        File.WriteAllText(source, $"int answer(void) {{ return {answer}; }}\n");
        using var cc = Process.Start(new ProcessStartInfo("cc", ["-shared", "-fPIC", "-o", output, source]) { UseShellExecute = false })!;
        cc.WaitForExit();
        if (cc.ExitCode != 0)
        {
            throw new InvalidOperationException($"cc failed with exit code {cc.ExitCode}");
        }

        return output;
    }

    private string ProjectDirectory(string id, string version)
    {
        var directory = Path.Join(Root, "build", id, version);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private void Pack(string project, string id, string version, string items, bool includeBuildOutput)
    {
        File.WriteAllText(Path.Join(project, id + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PackageId>{id}</PackageId>
                <Version>{version}</Version>
                <Authors>tests</Authors>
                <Description>A package the tests built.</Description>
                <IncludeBuildOutput>{(includeBuildOutput ? "true" : "false")}</IncludeBuildOutput>
                <NoWarn>$(NoWarn);NU5128</NoWarn>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>{items}</ItemGroup>
            </Project>
            """);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet, ["pack", Path.Join(project, id + ".csproj"), "-o", FeedDirectory, "--nologo"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var pack = Process.Start(info)!;
        var error = pack.StandardError.ReadToEndAsync();
        var output = pack.StandardOutput.ReadToEnd();
        pack.WaitForExit();
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack of {id} {version} failed:\n{output}{error.Result}");
        }
    }
}
