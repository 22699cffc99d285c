using System.Globalization;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Loading;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Compiling;

/// <summary><c>#r "sdk:Microsoft.NET.Sdk.Web"</c>: the ASP.NET Core shared framework, at compile and at run time.</summary>
public sealed class SdkReferencesTests
{
    /// <summary>
    /// A whole web app: it listens on a port the system picks on 127.0.0.1, serves one request that the script
    /// makes itself, and stops. It also says which context loaded ASP.NET Core.
    /// </summary>
    internal const string WebApp = """
        #r "sdk:Microsoft.NET.Sdk.Web"
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Logging;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/", () => "hello from the web");
        await app.StartAsync();
        var client = new HttpClient();
        WriteLine(await client.GetStringAsync(app.Urls.First()));
        await app.StopAsync();
        WriteLine("aspnet context: " + System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(WebApplication).Assembly)?.Name);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            WriteLine("assembly: " + assembly.GetName().Name);
        }
        """;

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static string AspNetCoreDirectory =>
        Path.Combine(PlatformAssemblies.SharedDirectory, "Microsoft.AspNetCore.App", Path.GetFileName(PlatformAssemblies.FrameworkDirectory));

    [Test]
    public void Compile_WebSdk_RecordsImplementationAssembliesAndOneMarker()
    {
        Assume.That(Directory.Exists(AspNetCoreDirectory), "needs the ASP.NET Core shared framework of the running runtime");
        var path = _temp.Write("web.csx", "#r \"sdk:Microsoft.NET.Sdk.Web\"\nMicrosoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder()");

        var result = ScriptCompiler.Compile(File.ReadAllBytes(path), path, new CompileSettings(new ScriptCacheOptions()));

        var marker = Path.Combine(AspNetCoreDirectory, "Microsoft.AspNetCore.dll");
        Assert.That(result.Artifact.FrameworkReferences, Does.Contain(marker).And.Contain(Path.Combine(AspNetCoreDirectory, "Microsoft.AspNetCore.Http.dll")));
        Assert.That(result.Artifact.FrameworkReferences, Has.All.StartWith(AspNetCoreDirectory + "/"), "implementation assemblies only, never a reference pack's");
        Assert.That(result.Dependencies.Where(d => d.Kind == DependencyKind.Assembly).Select(d => d.Path), Is.EqualTo(new[] { marker }));
    }

    [Test]
    public void Compile_UnknownSdk_ErrorNamesTheSupportedOne()
    {
        var path = _temp.Write("bad.csx", "#r \"sdk:Unsupported\"\nWriteLine(1);");

        var error = Assert.Throws<ScriptCompilationException>(() => ScriptCompiler.Compile(Encoding.UTF8.GetBytes(File.ReadAllText(path)), path, new CompileSettings(new ScriptCacheOptions())));

        Assert.That(error!.Message, Is.EqualTo($"{path}(1,1): error CS0006: The SDK 'Unsupported' is not supported; #r \"sdk:\" supports 'Microsoft.NET.Sdk.Web'"));
    }

    [Test]
    public void Explain_SupportedSdkNotInstalled_SaysWhichFrameworkIsMissing()
    {
        var location = Location.Create("/s/web.csx", new TextSpan(0, 30), new LinePositionSpan(new LinePosition(0, 0), new LinePosition(0, 30)));
        var notFound = Diagnostic.Create(
            "CS0006", "Compiler", "Metadata file 'sdk:Microsoft.NET.Sdk.Web' could not be found",
            DiagnosticSeverity.Error, DiagnosticSeverity.Error, isEnabledByDefault: true, warningLevel: 0, location: location);

        var explained = SdkReferences.Explain([notFound]).Single();

        Assert.That(explained.GetMessage(CultureInfo.InvariantCulture), Is.EqualTo(
            $"The SDK 'Microsoft.NET.Sdk.Web' needs the Microsoft.AspNetCore.App shared framework {Environment.Version.Major}.x beside the running runtime, and it is not installed"));
        Assert.That(explained.Location, Is.EqualTo(location));
    }

    [Test]
    [Category("Process")]
    public void Cli_WebAppScript_ServesItsOwnRequestColdAndWarmAndWarmLoadsNoRoslyn()
    {
        Assume.That(Directory.Exists(AspNetCoreDirectory), "needs the ASP.NET Core shared framework of the running runtime");
        var path = _temp.Write("web.csx", WebApp);

        var cold = CliHost.Run(_temp.Path, "run", "--events", "--cache-dir", _temp.CacheDirectory, path);
        var warm = CliHost.Run(_temp.Path, "--events", "--cache-dir", _temp.CacheDirectory, path);

        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        Assert.That(CliHost.LinesOf(cold.StandardOutput)[0], Is.EqualTo("hello from the web"));
        Assert.That(cold.Lines("aspnet context:"), Is.EqualTo(new[] { path }), "ASP.NET Core loads into the script's own context");
        Assert.That(warm.ExitCode, Is.Zero, warm.ToString());
        Assert.That(CliHost.LinesOf(warm.StandardError), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {path}" }));
        Assert.That(CliHost.LinesOf(warm.StandardOutput)[0], Is.EqualTo("hello from the web"));
        Assert.That(warm.Lines("assembly:"), Has.None.StartsWith("Microsoft.CodeAnalysis"), warm.ToString());
    }

    [Test]
    [Category("Process")]
    public void Cli_UnknownSdk_CompileErrorExitsOne()
    {
        var path = _temp.Write("bad.csx", "#r \"sdk:Microsoft.NET.Sdk.Worker\"\nWriteLine(1);");

        var result = CliHost.Run(_temp.Path, "run", "--cache-dir", _temp.CacheDirectory, path);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(CliHost.LinesOf(result.StandardError), Is.EqualTo(new[]
        {
            $"{path}(1,1): error CS0006: The SDK 'Microsoft.NET.Sdk.Worker' is not supported; #r \"sdk:\" supports 'Microsoft.NET.Sdk.Web'",
        }));
    }

    [Test]
    public async Task Load_WebSdkInLoadedFile_HostRunsIt()
    {
        Assume.That(Directory.Exists(AspNetCoreDirectory), "needs the ASP.NET Core shared framework of the running runtime");
        _temp.Write("lib/web.csx", "#r \"sdk:Microsoft.NET.Sdk.Web\"\nstatic string Status() => Microsoft.AspNetCore.Http.StatusCodes.Status418ImATeapot.ToString();");
        var path = _temp.Write("main.csx", "#load \"lib/web.csx\"\nStatus()");

        using var script = ScriptCache.Load(path, new ScriptCacheOptions { CacheDirectory = _temp.CacheDirectory });

        Assert.That(await script.RunAsync(), Is.EqualTo("418"));
        Assert.That(AssemblyLoadContext.Default.Assemblies.Select(a => a.GetName().Name), Has.None.EqualTo("Microsoft.AspNetCore.Http.Abstractions"));
    }
}
