using System.Globalization;
using System.Security;
using System.Text;
using RoslynBootsnap.Compiling.Packages;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// A script with two real packages, whole-process and side by side: the warm hit against a load floor that loads
/// the same script DLL and package assemblies directly; the first run when the packages are already in the global
/// packages folder against the SDK restore that dotnet-script's first run begins with. <c>--packages</c> runs it.
/// </summary>
internal sealed class PackageBench(string repo, string work, string dotnet, int rounds)
{
    private static readonly string[] Directives = ["nuget: Markdig, 0.45.0", "nuget: Humanizer.Core, 2.14.1"];

    private readonly Measurements _measurements = new();

    private string Cli => Path.Join(work, "cli-r2r", "roslyn-bootsnap.dll");

    private string HarnessDll => Path.Join(work, "harness-r2r", "RoslynBootsnap.StartupHarness.dll");

    private string Scripts => Path.Join(work, "package-scripts");

    private string Cache => Path.Join(work, "package-cache");

    private string FirstCache => Path.Join(work, "package-cache-first");

    private string RestoreProject => Path.Join(Scripts, "restore", "script.csproj");

    private string ServerCache => Path.Join(work, "package-cache-server");

    /// <summary>The command line's default: a compile server, here one of the bench's own.</summary>
    private Dictionary<string, string?> WithServer => new()
    {
        ["ROSLYN_BOOTSNAP_NO_SERVER"] = null,
        ["XDG_RUNTIME_DIR"] = Path.Join(work, "package-run"),
    };

    public int Run()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(RestoreProject)!);
        Console.Error.WriteLine("package bench: publishing the command line and the floor (ReadyToRun)");
        ReadyToRunPublish.Run(dotnet, Path.Join(repo, "src", "RoslynBootsnap.Cli", "RoslynBootsnap.Cli.csproj"), Path.GetDirectoryName(Cli)!, Path.Join(work, "publish-cli.log"));
        ReadyToRunPublish.Run(dotnet, Path.Join(repo, "test", "RoslynBootsnap.StartupHarness", "RoslynBootsnap.StartupHarness.csproj"), Path.GetDirectoryName(HarnessDll)!, Path.Join(work, "publish-harness.log"));

        // A global packages folder of the bench's own, filled by the first run's restore from the machine's sources.
        File.WriteAllText(Path.Join(Scripts, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{SecurityElement.Escape(Path.Join(work, "package-folder"))}" /></config>
            </configuration>
            """);
        var script = Path.Join(Scripts, "packages.csx");
        var code = string.Concat(Directives.Select(d => $"#r \"{d}\"\n"))
            + "using Humanizer;\n"
            + "WriteLine(Markdig.Markdown.ToHtml($\"# {\"item\".Pluralize()}, {TimeSpan.FromMinutes(90).Humanize()}\\n\\n*done*\"));\n";
        File.WriteAllText(script, code);
        File.WriteAllText(RestoreProject, RestoreProjectText());
        ChildProcess.Run([dotnet, Cli, "run", script, "--cache-dir", Cache]).EnsureSuccess("first run, restoring");

        var floorDll = Path.Join(work, "package-floor", "packages.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(floorDll)!);
        EntryImage.Extract(Cache, script, floorDll);
        var packages = Directives.Select(d => PackageReference.TryParse(d, out var p) ? p : throw new InvalidOperationException(d)).ToList();
        var assets = PackageFolderResolution.TryResolve(script, packages, CancellationToken.None)
            ?? throw new InvalidOperationException("The packages did not resolve from the global packages folder.");

        HarnessCase[] cases =
        [
            new("floor", "load floor: the script DLL and the package assemblies loaded and run directly", () => [dotnet, HarnessDll, "package-floor", floorDll, .. assets.RuntimeAssemblies]),
            new("hit", "`run`, warm cache", () => [dotnet, Cli, "run", script, "--cache-dir", Cache]),
            new("first", "`run`, first run, packages already in the global packages folder", () => [dotnet, Cli, "run", script, "--cache-dir", FirstCache], () => Delete(FirstCache)),
            new("first-server", "`run`, first run, packages in the folder, compile server warm (the command line's default)", () => [dotnet, Cli, "run", script, "--cache-dir", ServerCache], () => Delete(ServerCache)),
            new("restore", "`dotnet restore` of the script's project, packages already in the folder (how dotnet-script's first run begins)", () => [dotnet, "restore", RestoreProject, "--nologo", "-v", "q"], () => Delete(Path.Join(Path.GetDirectoryName(RestoreProject)!, "obj"))),
        ];
        Directory.CreateDirectory(Path.Join(work, "package-run"));
        var environments = new Dictionary<string, IReadOnlyDictionary<string, string?>>
        {
            // The floor runs as the command line is configured: without tiered PGO's instrumentation.
            ["floor"] = new Dictionary<string, string?> { ["DOTNET_TieredPGO"] = "0" },
            ["first-server"] = WithServer,
        };
        for (var round = 0; round <= rounds; round++)
        {
            Console.Error.WriteLine(round == 0 ? "package bench: warm-up round" : $"package bench: round {round} of {rounds}");
            foreach (var c in cases)
            {
                c.Prepare?.Invoke();
                var result = ChildProcess.Run(c.Command(), environments.GetValueOrDefault(c.Name));
                result.EnsureSuccess(c.Name);
                if (round > 0)
                {
                    _measurements.Add(c.Name, result);
                }
            }
        }

        ChildProcess.Run([dotnet, Cli, "server", "stop"], WithServer);
        Console.WriteLine(Report(cases));
        return 0;
    }

    /// <summary>The project a package restore of the script writes, as dotnet-script and this library generate it.</summary>
    private static string RestoreProjectText()
    {
        var text = new StringBuilder("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework><NuGetAudit>false</NuGetAudit></PropertyGroup>\n  <ItemGroup>\n");
        foreach (var directive in Directives)
        {
            var parts = directive["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries);
            text.Append(CultureInfo.InvariantCulture, $"    <PackageReference Include=\"{parts[0]}\" Version=\"{parts[1]}\" />\n");
        }

        return text.Append("  </ItemGroup>\n</Project>\n").ToString();
    }

    private static void Delete(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }


    private string Report(IReadOnlyList<HarnessCase> cases)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"medians of {rounds} rounds, the cases taking turns; ReadyToRun command line and floor");
        text.AppendLine();
        _measurements.AppendCaseTable(text, cases);
        text.AppendLine();
        text.AppendLine("| ratio | value | goal |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(c, $"| warm `run` ÷ load floor | {_measurements.Ratio("hit", "floor"):0.00} | ≤ 1.3 |");
        text.AppendLine(c, $"| first run, packages in the folder ÷ the restore alone | {_measurements.Ratio("first", "restore"):0.00} | ≤ 1, aim 0.5 |");
        text.AppendLine(c, $"| first run, packages in the folder, server warm ÷ the restore alone | {_measurements.Ratio("first-server", "restore"):0.00} | ≤ 1, aim 0.5 |");
        return text.ToString();
    }
}
