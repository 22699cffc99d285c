using System.Collections.Immutable;
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
    public static ScriptArtifact Compile(ReadOnlyMemory<byte> input, string path, CompileSettings settings)
    {
        var text = Decode(input, path);
        var directory = Path.GetDirectoryName(path)!;
        var parseOptions = new CSharpParseOptions(
            ParseLanguageVersion(settings.LanguageVersion),
            DocumentationMode.None,
            SourceCodeKind.Script,
            settings.PreprocessorSymbols);
        var tree = CSharpSyntaxTree.ParseText(text, parseOptions, path);

        var compilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            scriptClassName: ScriptClassName,
            usings: settings.Imports,
            optimizationLevel: settings.Optimize ? OptimizationLevel.Release : OptimizationLevel.Debug,
            allowUnsafe: settings.AllowUnsafe,
            deterministic: true,
            sourceReferenceResolver: new SourceFileResolver(ImmutableArray<string>.Empty, directory),
            metadataReferenceResolver: ScriptMetadataResolver.Default.WithBaseDirectory(directory));

        var compilation = CSharpCompilation.CreateScriptCompilation(
            AssemblyName(path),
            tree,
            References(settings),
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
            throw new ScriptCompilationException(path, [.. result.Diagnostics.OrderByDescending(d => d.Severity)]);
        }

        var typeName = compilation.ScriptClass?.MetadataName ?? ScriptClassName;
        return new ScriptArtifact(typeName, FactoryMethodName, peStream.ToArray());
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

    private static List<MetadataReference> References(CompileSettings settings)
    {
        var references = new List<MetadataReference>(FrameworkReferences.References);
        AddAssemblyOf(references, settings.GlobalsType);
        AddAssemblyOf(references, settings.ReturnType);
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

    private static void AddAssemblyOf(List<MetadataReference> references, Type? type)
    {
        var location = type?.Assembly.Location;
        if (!string.IsNullOrEmpty(location) && !type!.Assembly.GetName().Name!.StartsWith("System.", StringComparison.Ordinal))
        {
            references.Add(MetadataReference.CreateFromFile(location));
        }
    }

    private static string AssemblyName(string path) =>
        "RoslynBootsnap.Script." + CachePath.HashPath(path).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
