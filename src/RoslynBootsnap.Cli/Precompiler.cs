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
        CacheEvent? lookup = null;
        string? writeFailure = null;
        var observed = options with
        {
            // Writing is what precompiling is for, whatever ROSLYN_BOOTSNAP_READONLY says.
            Mode = CacheMode.ReadWrite,
            OnEvent = e =>
            {
                if (e.Kind == CacheEventKind.WriteFailed)
                {
                    writeFailure ??= $"{WriteStep.Describe(e.Step)} failed: {(e.Exception?.InnerException ?? e.Exception)?.Message}";
                }
                else if (e.Kind is not (CacheEventKind.RemoteMiss or CacheEventKind.RemoteFailed))
                {
                    lookup ??= e;
                }
            },
        };

        try
        {
            if (!ScriptCache.Precompile(path, observed))
            {
                return new PrecompileResult(path, PrecompileOutcome.Failed, $"{path}: the entry could not be written ({writeFailure ?? "the compiled script cannot be cached"})");
            }

            // A hit, a revalidation or a remote hit means nothing was compiled.
            return lookup?.Kind is CacheEventKind.Hit or CacheEventKind.Revalidated or CacheEventKind.RemoteHit
                ? new PrecompileResult(path, PrecompileOutcome.UpToDate)
                : new PrecompileResult(path, PrecompileOutcome.Compiled);
        }
        catch (ScriptCompilationException e)
        {
            return new PrecompileResult(path, PrecompileOutcome.Failed, e.Message);
        }
        catch (ScriptSourceException e)
        {
            return new PrecompileResult(path, PrecompileOutcome.Failed, e.Message);
        }
        catch (ScriptPackageException e)
        {
            return new PrecompileResult(path, PrecompileOutcome.Failed, $"{path}: {e.Message}");
        }
    }
}
