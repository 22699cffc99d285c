using System.Diagnostics;
using System.IO.Compression;
using System.Security;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// A local folder feed of small real packages, built in a temp dir: libraries compiled here, packed as NuGet
/// packs them (a .nuspec and the assets in a zip), and a NuGet.Config beside the scripts that names only this feed
/// and a private global packages folder, so restores never touch a network source or the machine's cache.
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

    /// <summary>Packs a library of <paramref name="code"/> as package <paramref name="id"/>.</summary>
    public void AddLibrary(string id, string version, string code, IReadOnlyList<(string Id, string Version)>? dependencies = null, IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var build = Path.Join(Root, "build", id, version);
        var dll = Path.Join(build, id + ".dll");
        var references = (dependencies ?? []).Select(d => Path.Join(Root, "build", d.Id, d.Version, d.Id + ".dll")).ToArray();
        AssemblyBuilder.Build(dll, id, code, references);
        var files = new Dictionary<string, string>(extraFiles ?? new Dictionary<string, string>()) { [$"lib/net10.0/{id}.dll"] = dll };
        Pack(id, version, dependencies ?? [], files);
    }

    /// <summary>Packs a script package: its script as <c>contentFiles/csx/any/main.csx</c>.</summary>
    public void AddScriptPackage(string id, string version, string script)
    {
        var path = Path.Join(Root, "build", id, version, "main.csx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, script);
        Pack(id, version, [], new Dictionary<string, string> { ["contentFiles/csx/any/main.csx"] = path });
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

    private void Pack(string id, string version, IReadOnlyList<(string Id, string Version)> dependencies, IReadOnlyDictionary<string, string> files)
    {
        var dependencyXml = dependencies.Count == 0 ? string.Empty
            : "<dependencies><group targetFramework=\"net10.0\">"
              + string.Concat(dependencies.Select(d => $"<dependency id=\"{d.Id}\" version=\"{d.Version}\" />"))
              + "</group></dependencies>";
        var contentXml = files.Keys.Any(f => f.StartsWith("contentFiles/", StringComparison.Ordinal))
            ? "<contentFiles><files include=\"csx/any/*.csx\" buildAction=\"None\" /></contentFiles>"
            : string.Empty;
        var nuspec = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>{version}</version>
                <authors>tests</authors>
                <description>A package the tests built.</description>
                {dependencyXml}
                {contentXml}
              </metadata>
            </package>
            """;
        var nupkg = Path.Join(FeedDirectory, $"{id.ToLowerInvariant()}.{version}.nupkg");
        using var zip = ZipFile.Open(nupkg, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry(id + ".nuspec").Open()))
        {
            writer.Write(nuspec);
        }

        foreach (var (entry, source) in files)
        {
            zip.CreateEntryFromFile(source, entry);
        }
    }
}
