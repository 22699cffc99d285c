namespace RoslynBootsnap.Cli;

/// <summary>
/// Loads and runs one script. This is the hot path of a warm run: it must name no Roslyn type, so that a
/// cache hit loads no compiler assembly; <see cref="ScriptCompilationException"/> names none.
/// </summary>
internal static class ScriptRunner
{
    public static async Task<int> RunAsync(RunRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(error);
        var options = CliScriptOptions.Create(request.CacheDirectory) with
        {
            Mode = request.NoCache ? CacheMode.Disabled : null,
            OnEvent = request.Events ? e => error.WriteLine($"roslyn-bootsnap: {e}") : null,
        };

        LoadedScript script;
        try
        {
            script = ScriptCache.Load(request.ScriptPath, options);
        }
        catch (ScriptSourceException e)
        {
            error.WriteLine($"roslyn-bootsnap: {e.Message}");
            return ExitCodes.NoInput;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"roslyn-bootsnap: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ScriptCompilationException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.Failure;
        }

        using (script)
        {
            object? result;
            try
            {
                result = await script.RunAsync(new ScriptGlobals([.. request.Arguments]), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                error.WriteLine(ScriptExceptionFormatter.Format(e));
                return ExitCodes.Failure;
            }

            return result is int code ? code : ExitCodes.Success;
        }
    }
}
