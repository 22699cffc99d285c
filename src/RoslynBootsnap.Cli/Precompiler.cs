namespace RoslynBootsnap.Cli;

/// <summary>Brings the entries of many scripts up to date, in parallel, without running any of them.</summary>
internal static class Precompiler
{
    public static IReadOnlyList<PrecompileResult> Run(
        IReadOnlyList<string> scripts,
        ScriptCacheOptions options,
        int jobs,
        Action<PrecompileResult> onDone,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onDone);
        var results = new PrecompileResult[scripts.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken };
        Parallel.For(0, scripts.Count, parallel, i =>
        {
            results[i] = PrecompileOne(scripts[i], options);
            onDone(results[i]);
        });
        return results;
    }

    internal static PrecompileResult PrecompileOne(string path, ScriptCacheOptions options)
    {
        string? writeFailure = null;
        try
        {
            // Precompile reports no hit, so a read-only pass (which never compiles) tells "up to date" apart.
            if (ScriptCache.Precompile(path, options with { Mode = CacheMode.ReadOnly }))
            {
                return new PrecompileResult(path, PrecompileOutcome.UpToDate);
            }

            var writable = options with
            {
                Mode = CacheMode.ReadWrite,
                OnEvent = e => writeFailure ??= e.Kind == CacheEventKind.WriteFailed ? $"{e.Step}: {e.Exception?.Message}" : null,
            };
            return ScriptCache.Precompile(path, writable)
                ? new PrecompileResult(path, PrecompileOutcome.Compiled)
                : new PrecompileResult(path, PrecompileOutcome.Failed, $"{path}: the entry could not be written ({writeFailure ?? "the compiled script is too large to cache"})");
        }
        catch (ScriptCompilationException e)
        {
            return new PrecompileResult(path, PrecompileOutcome.Failed, e.Message);
        }
        catch (ScriptSourceException e)
        {
            return new PrecompileResult(path, PrecompileOutcome.Failed, e.Message);
        }
    }
}
