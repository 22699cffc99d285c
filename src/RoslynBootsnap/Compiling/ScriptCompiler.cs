using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Loading;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Compiles a .csx source to a PE image with its portable PDB and sources embedded, deterministically, so
/// a script loaded from the cache still reports its own file and line in stack traces.
/// </summary>
internal static class ScriptCompiler
{
    /// <summary>The script class name the scripting API uses; the loader looks it up by this name.</summary>
    public const string ScriptClassName = "Submission#0";

    /// <summary>The static factory Roslyn emits on the script class.</summary>
    public const string FactoryMethodName = "<Factory>";

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="ScriptCompilationException">The script has errors.</exception>
    /// <exception cref="ScriptSourceException">The script is not UTF-8 text.</exception>
    public static CompileResult Compile(ReadOnlyMemory<byte> input, string path, CompileSettings settings)
    {
        var text = Decode(input, path);
        var directory = Path.GetDirectoryName(path)!;
        var parseOptions = new CSharpParseOptions(
            ParseLanguageVersion(settings.LanguageVersion),
            DocumentationMode.None,
            SourceCodeKind.Script,
            settings.PreprocessorSymbols);
        var tree = CSharpSyntaxTree.ParseText(text, parseOptions, path);
        var sourceResolver = new RecordingSourceResolver(directory);
        var extraReferences = ExtraReferences(settings);

        var compilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            scriptClassName: ScriptClassName,
            usings: settings.Imports,
            optimizationLevel: settings.Optimize ? OptimizationLevel.Release : OptimizationLevel.Debug,
            allowUnsafe: settings.AllowUnsafe,
            deterministic: true,
            sourceReferenceResolver: sourceResolver,
            metadataReferenceResolver: ScriptMetadataResolver.Default.WithBaseDirectory(directory));

        var compilation = CSharpCompilation.CreateScriptCompilation(
            AssemblyName(path),
            tree,
            [.. FrameworkReferences.References, .. HostReferences(settings), .. extraReferences],
            compilationOptions,
            previousScriptCompilation: null,
            returnType: settings.ReturnType,
            globalsType: settings.GlobalsType);

        using var peStream = new MemoryStream();
        var embeddedTexts = compilation.SyntaxTrees
            .Where(t => t.GetText().CanBeEmbedded)
            .Select(t => EmbeddedText.FromSource(t.FilePath, t.GetText()));
        var result = compilation.Emit(
            peStream,
            embeddedTexts: embeddedTexts,
            options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));

        if (!result.Success)
        {
            throw new ScriptCompilationException(path, DiagnosticConverter.Convert(result.Diagnostics.OrderByDescending(d => d.Severity)));
        }

        var assemblies = AssemblyDependencies(extraReferences.Concat(compilation.DirectiveReferences));
        var typeName = compilation.ScriptClass?.MetadataName ?? ScriptClassName;
        var artifact = new ScriptArtifact(typeName, FactoryMethodName, [.. assemblies.Select(d => d.Path)], peStream.ToArray());
        return new CompileResult(artifact, [.. sourceResolver.Opened, .. assemblies]);
    }

    /// <summary>
    /// The assemblies beyond the framework that the script was compiled against: extra references from the
    /// options and <c>#r</c> directives, each with the module version id the compiler actually saw.
    /// </summary>
    private static List<Dependency> AssemblyDependencies(IEnumerable<MetadataReference> candidates)
    {
        var references = candidates
            .OfType<PortableExecutableReference>()
            .Where(r => r.FilePath is not null)
            .DistinctBy(r => r.FilePath, StringComparer.Ordinal);

        var dependencies = new List<Dependency>();
        foreach (var reference in references)
        {
            var info = new FileInfo(reference.FilePath!);
            if (reference.GetMetadata() is not AssemblyMetadata metadata)
            {
                continue;
            }

            var mvid = metadata.GetModules()[0].GetModuleVersionId();
            dependencies.Add(new Dependency(
                DependencyKind.Assembly,
                Path.GetFullPath(reference.FilePath!),
                info.Length,
                info.LastWriteTimeUtc.Ticks,
                FileDigest.OfModuleVersionId(mvid)));
        }

        return dependencies;
    }

    private static SourceText Decode(ReadOnlyMemory<byte> input, string path)
    {
        try
        {
            var bytes = input.ToArray();
            return SourceText.From(
                bytes,
                bytes.Length,
                StrictUtf8,
                SourceHashAlgorithm.Sha256,
                throwIfBinaryDetected: true,
                canBeEmbedded: true);
        }
        catch (DecoderFallbackException e)
        {
            throw new ScriptSourceException(path, "decode-source", "The script is not valid UTF-8 text", e);
        }
        catch (InvalidDataException e)
        {
            throw new ScriptSourceException(path, "decode-source", "The script is a binary file, not C# source", e);
        }
    }

    private static LanguageVersion ParseLanguageVersion(string? version)
    {
        if (version is null)
        {
            return LanguageVersion.Default;
        }

        return LanguageVersionFacts.TryParse(version, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{version}' is not a C# language version.", nameof(version));
    }

    /// <summary>The assemblies of the globals and return types, when they are not the framework's.</summary>
    private static IEnumerable<MetadataReference> HostReferences(CompileSettings settings) =>
        new[] { settings.GlobalsType, settings.ReturnType }
            .Select(t => t?.Assembly)
            .Where(a => a is not null && !string.IsNullOrEmpty(a.Location) && !IsFrameworkAssembly(a))
            .Select(a => a!.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(location => (MetadataReference)MetadataReference.CreateFromFile(location));

    private static bool IsFrameworkAssembly(System.Reflection.Assembly assembly) =>
        string.Equals(
            Path.GetDirectoryName(assembly.Location),
            Path.GetDirectoryName(typeof(object).Assembly.Location),
            StringComparison.Ordinal);

    private static List<MetadataReference> ExtraReferences(CompileSettings settings)
    {
        var references = new List<MetadataReference>(settings.References.Count);
        foreach (var path in settings.References)
        {
            try
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
            catch (IOException e)
            {
                throw new ScriptSourceException(path, "open-reference", "A reference given in the options cannot be opened", e);
            }
        }

        return references;
    }

    private static string AssemblyName(string path) =>
        "RoslynBootsnap.Script." + CachePath.HashPath(path).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
