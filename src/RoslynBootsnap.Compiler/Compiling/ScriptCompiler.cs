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

    /// <summary>
    /// CS1701 and CS1702, "assuming assembly reference ... matches identity ...": the compiler unifies a reference
    /// to an earlier version with the later one the script has, as the runtime will; a warning that asks for a
    /// binding redirect nothing here reads. Off, as the SDK and dotnet-script have them.
    /// </summary>
    private static readonly ImmutableDictionary<string, ReportDiagnostic> UnificationWarnings =
        ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("CS1701", ReportDiagnostic.Suppress).Add("CS1702", ReportDiagnostic.Suppress);

    /// <exception cref="ScriptCompilationException">The script has errors.</exception>
    /// <exception cref="ScriptSourceException">The script is not UTF-8 text.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while parsing, binding or emitting.</exception>
    public static CompileResult Compile(ReadOnlyMemory<byte> input, string path, CompileSettings settings, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (result, diagnostics) = LargeStack.Run(() => CompileHere(input, path, settings, cancellationToken));

        // On the caller's thread: a sink may keep per-thread state (the compile server collects each request's
        // warnings so).
        CompilerWarnings.Report(diagnostics, settings.OnCompilerWarnings);
        return result;
    }

    private static (CompileResult Result, ImmutableArray<Diagnostic> Diagnostics) CompileHere(ReadOnlyMemory<byte> input, string path, CompileSettings settings, CancellationToken cancellationToken)
    {
        var text = Decode(input, path);
        SourceNesting.Check(text, path);
        var directory = Path.GetDirectoryName(path)!;
        var parseOptions = new CSharpParseOptions(
            ParseLanguageVersion(settings.LanguageVersion),
            DocumentationMode.None,
            SourceCodeKind.Script,
            settings.PreprocessorSymbols);
        var packages = new SchemeResolver(path, settings, cancellationToken);
        var names = new RelativeNames();
        var sourceResolver = new RecordingSourceResolver(directory, packages, names);
        var extraReferences = ExtraReferences(settings);
        var referenceResolver = new KernelPathReferenceResolver(ScriptMetadataResolver.Default.WithBaseDirectory(directory), directory, packages, names);
        var compilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            scriptClassName: ScriptClassName,
            usings: settings.Imports,
            optimizationLevel: settings.Optimize ? OptimizationLevel.Release : OptimizationLevel.Debug,
            allowUnsafe: settings.AllowUnsafe,
            deterministic: true,
            specificDiagnosticOptions: UnificationWarnings,
            // On this thread, whose stack is large (see LargeStack): a parallel build binds on pool threads with small stacks.
            concurrentBuild: false,
            sourceReferenceResolver: sourceResolver,
            metadataReferenceResolver: referenceResolver);

        using var peStream = new MemoryStream();
        var compilation = CreateCompilation(text, path, parseOptions, compilationOptions, extraReferences, settings, packages, cancellationToken);
        var result = Emit(compilation, peStream, cancellationToken);
        if (!result.Success && !HasErrors(result.Diagnostics) && !HasCode(compilation, cancellationToken))
        {
            // Roslyn emits nothing for a submission without a single member (empty, blank, only comments,
            // usings or directives) and reports no error: the scripting API runs such a script as a no-op.
            // An empty statement at the end gives it a body that returns the default, as that no-op does,
            // so the script is cached and loaded like any other.
            peStream.SetLength(0);
            var padded = SourceText.From(text.ToString() + "\n;", StrictUtf8, SourceHashAlgorithm.Sha256);
            compilation = CreateCompilation(padded, path, parseOptions, compilationOptions, extraReferences, settings, packages, cancellationToken);
            result = Emit(compilation, peStream, cancellationToken);
        }

        if (packages.Refused.Count > 0)
        {
            throw PackagesTurnedOff(path, packages.Refused);
        }

        if (!result.Success)
        {
            throw Failure(path, SdkReferences.Explain(result.Diagnostics));
        }

        var sdks = referenceResolver.Sdks;
        var packageCompile = packages.CompileAssemblies.ToHashSet(StringComparer.Ordinal);
        var assemblies = AssemblyDependencies(extraReferences.Concat(compilation.DirectiveReferences.Where(r =>
            (r as PortableExecutableReference)?.FilePath is var file
            && !SdkReferences.IsFrameworkPath(file, sdks)
            && (file is null || !packageCompile.Contains(file)))));
        var typeName = compilation.ScriptClass?.MetadataName ?? ScriptClassName;
        // A package's compile assemblies may be reference assemblies: the script's context loads its runtime ones.
        var privateReferences = assemblies.Select(d => d.Path).Concat(packages.RuntimePaths).Distinct(StringComparer.Ordinal).ToList();
        assemblies.AddRange(SdkDependencies.Markers(sdks));
        assemblies.AddRange(packages.Dependencies());
        List<Dependency> dependencies = [.. sourceResolver.Opened, .. assemblies];
        var artifact = new ScriptArtifact(
            typeName,
            FactoryMethodName,
            IndicesOf(privateReferences, dependencies),
            [.. SdkDependencies.RuntimePaths(sdks)],
            peStream.ToArray());
        return (new CompileResult(artifact, dependencies, RelativelyNamed(dependencies, names)), result.Diagnostics);
    }

    /// <summary>
    /// The dependencies named relatively from the script's tree, with the assemblies found beside such an
    /// assembly (its siblings are where it is).
    /// </summary>
    private static string[] RelativelyNamed(List<Dependency> dependencies, RelativeNames names)
    {
        var named = names.Paths.ToHashSet(StringComparer.Ordinal);
        var folders = dependencies
            .Where(d => d.Kind == DependencyKind.Assembly && named.Contains(d.Path))
            .Select(d => Path.GetDirectoryName(d.Path))
            .ToHashSet(StringComparer.Ordinal);
        return [.. dependencies
            .Where(d => d.Kind != DependencyKind.Refresh && (named.Contains(d.Path) || (d.Kind == DependencyKind.Assembly && folders.Contains(Path.GetDirectoryName(d.Path)))))
            .Select(d => d.Path)];
    }

    /// <summary>
    /// Where each private reference is in the dependency list, so that a hit loads the very file its manifest
    /// checked. One that is not there yet (none should be) is added, and so checked as well.
    /// </summary>
    private static int[] IndicesOf(List<string> privateReferences, List<Dependency> dependencies)
    {
        var byPath = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = dependencies.Count - 1; i >= 0; i--)
        {
            byPath[dependencies[i].Path] = i;
        }

        var indices = new int[privateReferences.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            var path = privateReferences[i];
            if (!byPath.TryGetValue(path, out var index))
            {
                var info = new FileInfo(path);
                var isAssembly = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
                index = dependencies.Count;
                dependencies.Add(new Dependency(
                    isAssembly ? DependencyKind.Assembly : DependencyKind.Source,
                    path,
                    info.Length,
                    info.LastWriteTimeUtc.Ticks,
                    isAssembly ? FileDigest.OfAssembly(path) : FileDigest.OfFile(path)));
                byPath[path] = index;
            }

            indices[i] = index;
        }

        return indices;
    }

    /// <summary>
    /// The exception for a failed emit. It always names at least one error: should the compiler fail without
    /// one, the exception says so in the compiler's format rather than print nothing.
    /// </summary>
    internal static ScriptCompilationException Failure(string path, ImmutableArray<Diagnostic> diagnostics)
    {
        var sorted = diagnostics.OrderByDescending(d => d.Severity).ToImmutableArray();
        if (!HasErrors(sorted))
        {
            var unexplained = Diagnostic.Create(
                "RBS0001",
                "Compiler",
                "The compiler produced no assembly and reported no error",
                DiagnosticSeverity.Error,
                DiagnosticSeverity.Error,
                isEnabledByDefault: true,
                warningLevel: 0,
                location: Location.Create(path, default, default));
            sorted = sorted.Insert(0, unexplained);
        }

        return new ScriptCompilationException(path, DiagnosticConverter.Convert(sorted));
    }

    /// <summary>The error for package directives in a host that turned package references off.</summary>
    private static ScriptCompilationException PackagesTurnedOff(string path, IReadOnlyList<string> directives) =>
        new(path, [.. directives.Distinct(StringComparer.Ordinal).Select(d => new ScriptDiagnostic(
            "RBS0002",
            ScriptDiagnosticSeverity.Error,
            $"Package references are turned off in this host: #r \"{d}\"",
            path,
            1,
            1,
            1,
            1))]);

    private static CSharpCompilation CreateCompilation(
        SourceText text,
        string path,
        CSharpParseOptions parseOptions,
        CSharpCompilationOptions compilationOptions,
        List<MetadataReference> extraReferences,
        CompileSettings settings,
        SchemeResolver packages,
        CancellationToken cancellationToken)
    {
        var compilation = CSharpCompilation.CreateScriptCompilation(
            AssemblyName(path),
            CSharpSyntaxTree.ParseText(text, parseOptions, path, cancellationToken),
            [.. FrameworkReferences.References, .. HostReferences(settings), .. extraReferences],
            compilationOptions,
            previousScriptCompilation: null,
            returnType: settings.ReturnType,
            globalsType: settings.GlobalsType);

        // Before anything binds the directive references: every package of every file resolves as one graph.
        packages.Prepare(compilation.SyntaxTrees, cancellationToken);
        return packages.WithResolved(SdkReferences.WithFrameworks(compilation));
    }

    private static EmitResult Emit(CSharpCompilation compilation, MemoryStream peStream, CancellationToken cancellationToken)
    {
        var embeddedTexts = compilation.SyntaxTrees
            .Where(t => t.GetText(cancellationToken).CanBeEmbedded)
            .Select(t => EmbeddedText.FromSource(t.FilePath, t.GetText(cancellationToken)));
        return compilation.Emit(
            peStream,
            embeddedTexts: embeddedTexts,
            options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded),
            cancellationToken: cancellationToken);
    }

    private static bool HasErrors(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Whether any file of the submission declares a member or a statement: what Roslyn emits code for.</summary>
    private static bool HasCode(CSharpCompilation compilation, CancellationToken cancellationToken) =>
        compilation.SyntaxTrees.Any(t => t.GetCompilationUnitRoot(cancellationToken).Members.Count > 0);

    /// <summary>
    /// The assemblies beyond the framework that the script was compiled against: extra references from the
    /// options and <c>#r</c> directives, each with the module version id the compiler actually saw, and the
    /// assemblies beside them that they depend on.
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

        // The DLLs they depend on from their own folders load into the script's context too, so they are
        // private references of the entry and dependencies in its manifest.
        foreach (var sibling in SiblingAssemblies.Find(dependencies.Select(d => d.Path)))
        {
            var info = new FileInfo(sibling);
            var size = info.Length;
            var mtime = info.LastWriteTimeUtc.Ticks;
            dependencies.Add(new Dependency(DependencyKind.Assembly, sibling, size, mtime, FileDigest.OfAssembly(sibling)));
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
            throw new ScriptSourceException(path, CacheSteps.DecodeSource, "The script is not valid UTF-8 text", e);
        }
        catch (InvalidDataException e)
        {
            throw new ScriptSourceException(path, CacheSteps.DecodeSource, "The script is a binary file, not C# source", e);
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
            .Where(a => a is not null && !string.IsNullOrEmpty(a.Location) && !PlatformAssemblies.IsFramework(a))
            .Select(a => a!.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(location => (MetadataReference)ReferenceCache.Get(location));

    private static List<MetadataReference> ExtraReferences(CompileSettings settings)
    {
        var references = new List<MetadataReference>(settings.References.Count);
        foreach (var path in settings.References)
        {
            try
            {
                references.Add(ReferenceCache.Get(path));
            }
            catch (IOException e)
            {
                throw new ScriptSourceException(path, CacheSteps.OpenReference, "A reference given in the options cannot be opened", e);
            }
        }

        return references;
    }

    private static string AssemblyName(string path) =>
        "RoslynBootsnap.Script." + CachePath.HashPath(path).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
