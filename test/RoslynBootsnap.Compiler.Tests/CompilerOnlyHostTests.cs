using System.Reflection;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Composition;

/// <summary>
/// A host pinned to an older Newtonsoft.Json than NuGet's client needs references the compiler part alone: it
/// restores with no downgrade, compiles and runs a script, and meets a typed error for a package reference.
/// </summary>
[Category("Process")]
public sealed class CompilerOnlyHostTests
{
    private static string RepositoryRoot => typeof(CompilerOnlyHostTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [Test]
    public void Build_HostPinnedToNewtonsoftJson12WithTheCompiler_CompilesScriptsAndRefusesPackagesTyped()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("host");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Join(project, "Host.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Newtonsoft.Json" Version="12.0.3" />
                <ProjectReference Include="{Path.Join(RepositoryRoot, "src", "RoslynBootsnap.Compiler", "RoslynBootsnap.Compiler.csproj")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Join(project, "Program.cs"), """
            using RoslynBootsnap;

            var options = new ScriptCacheOptions { CacheDirectory = args[0] };
            using (var script = ScriptCache.Load(args[1], options))
            {
                Console.WriteLine($"result: {await script.RunAsync()}");
            }

            Console.WriteLine($"json: {typeof(Newtonsoft.Json.JsonConvert).Assembly.GetName().Version}");
            try
            {
                ScriptCache.Load(args[2], options).Dispose();
            }
            catch (ScriptPackageException e)
            {
                Console.WriteLine($"package: {e.Failure} {e.PackageId}");
            }
            """);
        var script = temp.Write("answer.csx", "6 * 7");
        var package = temp.Write("package.csx", "#r \"nuget: Humanizer.Core, 2.14.1\"\n1");
        var output = temp.Combine("out");

        var build = ChildProcess.Run(ChildProcess.StartInfo(TestHost.Dotnet, ["build", project, "-o", output, "--nologo"], project), TimeSpan.FromMinutes(10));
        var run = ChildProcess.Run(ChildProcess.StartInfo(TestHost.Dotnet, [Path.Join(output, "Host.dll"), temp.CacheDirectory, script, package], temp.Path));

        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(build.ToString(), Does.Not.Contain("NU1605"));
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Has.Member("RoslynBootsnap.Compiler.dll").And.None.StartsWith("NuGet.").And.None.EqualTo("RoslynBootsnap.Packages.dll"));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(CliHost.LinesOf(run.StandardOutput), Is.EqualTo(new[]
        {
            "result: 42",
            "json: 12.0.0.0",
            "package: PackagesUnavailable Humanizer.Core",
        }));
    }
}
