using RoslynBootsnap.Caching;
using RoslynBootsnap.Composition;
using RoslynBootsnap.Loading;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// The cache handler for .csx scripts. Its members that run on a hit (key fields, storage-to-output) name
/// no Roslyn type; only the compile paths call the compiler, through <see cref="ScriptParts"/>, so Roslyn is loaded
/// on a miss and never on a hit.
/// </summary>
internal sealed class CsxHandler : ICacheHandler<LoadedScript>
{
    private readonly CompileSettings _settings;
    private readonly HostShares _shares;

    public CsxHandler(CompileSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _shares = new HostShares(settings);
        CompileOptions = CompileFingerprint.Compute(settings);
    }

    public uint CompileOptions { get; }

    public ulong CompilerIdentity => global::RoslynBootsnap.Compiling.CompilerIdentity.Current;

    public HandlerResult<CompiledStorage> InputToStorage(ReadOnlyMemory<byte> input, string path, CancellationToken cancellationToken)
    {
        var result = ScriptParts.CompilerFor(path).Compile(input, path, _settings, cancellationToken);
        var payload = result.Artifact.Serialize();

        // Too large to be read back as an entry: run it from memory rather than write a dead entry.
        return payload.Length > CacheFile.MaxDataSize
            ? HandlerResult<CompiledStorage>.Uncompilable
            : HandlerResult<CompiledStorage>.From(new CompiledStorage(payload, result.Dependencies, result.RelativelyNamed));
    }

    public HandlerResult<LoadedScript> StorageToOutput(ReadOnlyMemory<byte> storage, string path, IReadOnlyList<string> dependencyPaths)
    {
        if (!ScriptArtifact.TryParse(storage, out var artifact))
        {
            return HandlerResult<LoadedScript>.None;
        }

        var loaded = ScriptLoader.LoadOrNull(path, artifact, dependencyPaths, _settings.GlobalsType, _shares);
        return loaded is null ? HandlerResult<LoadedScript>.None : HandlerResult<LoadedScript>.From(loaded);
    }

    public LoadedScript InputToOutput(ReadOnlyMemory<byte> input, string path, CancellationToken cancellationToken)
    {
        var result = ScriptParts.CompilerFor(path).Compile(input, path, _settings, cancellationToken);
        return ScriptLoader.LoadOrNull(path, result.Artifact, [.. result.Dependencies.Select(d => d.Path)], _settings.GlobalsType, _shares)
            ?? throw new InvalidOperationException($"The freshly compiled image of '{path}' could not be loaded.");
    }
}
