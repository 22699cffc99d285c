using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RoslynBootsnap.Loading;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// <c>#r "sdk:Microsoft.NET.Sdk.Web"</c>, as in dotnet-script: the ASP.NET Core shared framework, found beside
/// the running runtime (<c>&lt;dotnet root&gt;/shared/Microsoft.AspNetCore.App/&lt;version&gt;</c>, the runtime's own
/// version first, else the newest of its major version). Compiles against the reference pack in
/// <c>packs/Microsoft.AspNetCore.App.Ref</c> when one is installed, else against the implementation. Resolved on
/// a compile only: an entry records the implementation's paths, which the script's context loads on a hit.
/// </summary>
internal static class SdkReferences
{
    /// <summary>The prefix of an SDK reference.</summary>
    public const string Prefix = "sdk:";

    /// <summary>The SDK names <c>#r "sdk:"</c> accepts, and the shared framework each stands for.</summary>
    private static readonly Dictionary<string, string> Frameworks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.NET.Sdk.Web"] = "Microsoft.AspNetCore.App",
    };

    private static readonly ConcurrentDictionary<string, Lazy<(SdkFramework? Framework, ImmutableArray<PortableExecutableReference> References)>> Resolved =
        new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a <c>#r</c> names an SDK.</summary>
    public static bool IsSdk(string reference) => reference.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The SDK's name in a reference, trimmed as dotnet-script trims it.</summary>
    public static string NameOf(string reference) => reference[Prefix.Length..].Trim();

    /// <summary>
    /// What the directive itself resolves to: the framework's main assembly (the compiler takes one reference per
    /// <c>#r</c>; <see cref="WithFrameworks"/> adds the rest). Empty for an unknown SDK or one whose framework is
    /// not installed, which the compiler reports and <see cref="Explain"/> rewords.
    /// </summary>
    public static ImmutableArray<PortableExecutableReference> Resolve(string reference, out SdkFramework? framework)
    {
        var all = AllReferences(NameOf(reference), out framework);
        if (framework is null)
        {
            return [];
        }

        var main = Path.GetFileName(framework.Marker);
        return [all.FirstOrDefault(r => Path.GetFileName(r.FilePath) == main) ?? all[0]];
    }

    /// <summary>
    /// The compilation with every assembly of the frameworks its <c>#r "sdk:"</c> directives named. Reading the
    /// directive references binds only the references, which the emit needs anyway and the compilation keeps.
    /// </summary>
    public static CSharpCompilation WithFrameworks(CSharpCompilation compilation)
    {
        if (compilation.Options.MetadataReferenceResolver is not KernelPathReferenceResolver resolver)
        {
            return compilation;
        }

        var direct = compilation.DirectiveReferences;
        if (resolver.Sdks.Count == 0)
        {
            return compilation;
        }

        var more = resolver.Sdks
            .SelectMany(s => AllReferences(s.Sdk, out _))
            .Where(r => !direct.Contains(r))
            .ToList();
        return compilation.AddReferences(more);
    }

    /// <summary>The compile references of an SDK, built once per process.</summary>
    private static ImmutableArray<PortableExecutableReference> AllReferences(string sdk, out SdkFramework? framework)
    {
        var resolved = Resolved.GetOrAdd(sdk, name => new Lazy<(SdkFramework?, ImmutableArray<PortableExecutableReference>)>(() => Create(name))).Value;
        framework = resolved.Framework;
        return resolved.References;
    }

    /// <summary>Whether a compile reference belongs to an SDK's framework, not to the script's own <c>#r</c>s.</summary>
    public static bool IsFrameworkPath(string? path, IEnumerable<SdkFramework> frameworks) =>
        path is not null && frameworks.Any(f => string.Equals(Path.GetDirectoryName(path), f.CompileDirectory, StringComparison.Ordinal));

    /// <summary>
    /// Rewords the compiler's "metadata file 'sdk:...' could not be found" as what went wrong: an SDK that is
    /// not supported (naming the supported ones) or one whose framework is not installed.
    /// </summary>
    public static ImmutableArray<Diagnostic> Explain(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Any(IsUnresolvedSdk) ? [.. diagnostics.Select(d => IsUnresolvedSdk(d) ? Reworded(d) : d)] : diagnostics;

    private static bool IsUnresolvedSdk(Diagnostic diagnostic) =>
        diagnostic.Id == "CS0006" && diagnostic.GetMessage(CultureInfo.InvariantCulture).Contains("'" + Prefix, StringComparison.OrdinalIgnoreCase);

    private static Diagnostic Reworded(Diagnostic diagnostic)
    {
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        var start = message.IndexOf("'" + Prefix, StringComparison.OrdinalIgnoreCase) + 1;
        var name = NameOf(message[start..message.IndexOf('\'', start)]);
        var text = Frameworks.TryGetValue(name, out var framework)
            ? $"The SDK '{name}' needs the {framework} shared framework {Environment.Version.Major}.x beside the running runtime, and it is not installed"
            : $"The SDK '{name}' is not supported; #r \"sdk:\" supports {string.Join(", ", Frameworks.Keys.Select(k => $"'{k}'"))}";
        return Diagnostic.Create(
            diagnostic.Id,
            "Compiler",
            text,
            DiagnosticSeverity.Error,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            warningLevel: 0,
            location: diagnostic.Location);
    }

    private static (SdkFramework?, ImmutableArray<PortableExecutableReference>) Create(string name)
    {
        if (!Frameworks.TryGetValue(name, out var frameworkName) || Locate(frameworkName) is not { } runtimeDirectory)
        {
            return (null, []);
        }

        var compileDirectory = ReferencePack(frameworkName) ?? runtimeDirectory;
        var runtimePaths = ManagedAssemblies(runtimeDirectory);
        var compilePaths = ManagedAssemblies(compileDirectory);
        var framework = new SdkFramework(name, runtimeDirectory, compileDirectory, compilePaths, runtimePaths);
        return (framework, [.. compilePaths.Select(p => MetadataReference.CreateFromFile(p))]);
    }

    /// <summary>The runtime's own version of the framework, else the newest of the runtime's major version.</summary>
    private static string? Locate(string frameworkName)
    {
        var root = Path.Combine(PlatformAssemblies.SharedDirectory, frameworkName);
        var same = Path.Combine(root, Path.GetFileName(PlatformAssemblies.FrameworkDirectory));
        return Directory.Exists(same) ? same : VersionFolders.NewestOfMajor(root, Environment.Version.Major);
    }

    /// <summary><c>packs/&lt;framework&gt;.Ref/&lt;version&gt;/ref/net&lt;major&gt;.&lt;minor&gt;</c>, of the runtime's major version.</summary>
    private static string? ReferencePack(string frameworkName)
    {
        var dotnetRoot = Path.GetDirectoryName(PlatformAssemblies.SharedDirectory)!;
        var version = VersionFolders.NewestOfMajor(Path.Combine(dotnetRoot, "packs", frameworkName + ".Ref"), Environment.Version.Major);
        var target = version is null ? null : Path.Combine(version, "ref", $"net{Environment.Version.Major}.{Environment.Version.Minor}");
        return target is not null && Directory.Exists(target) && ManagedAssemblies(target).Count > 0 ? target : null;
    }

    private static List<string> ManagedAssemblies(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.dll").Where(IsManaged).Order(StringComparer.Ordinal)];

    // A framework folder may hold native DLLs too (the IIS module on Windows).
    private static bool IsManaged(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
