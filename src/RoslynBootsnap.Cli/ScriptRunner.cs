using System.Text;

namespace RoslynBootsnap.Cli;

/// <summary>
/// Loads and runs one script. This is the hot path of a warm run: it must name no Roslyn type, so that a
/// cache hit loads no compiler assembly; <see cref="ScriptCompilationException"/> names none.
/// </summary>
internal static class ScriptRunner
{
    /// <summary>The name a script read from standard input goes by, in the current directory.</summary>
    public const string StandardInputName = "<stdin>";

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads and runs the script and answers the exit code.</summary>
    public static Task<int> RunAsync(RunRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(error);
        return RunCoreAsync(request, error, cancellationToken);
    }

    private static async Task<int> RunCoreAsync(RunRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        var options = CliScriptOptions.Create(request.CacheDirectory) with
        {
            Mode = request.NoCache ? CacheMode.Disabled : null,
            CompileServer = request.NoServer || request.NoCache ? null : CliCompileServer.Options(),
            OnEvent = request.Events ? e => error.WriteLine($"roslyn-bootsnap: {e}") : null,

            // As dotnet-script: a compile's warnings on stderr, in the compiler's format. A hit prints none.
            OnCompilerWarnings = warnings =>
            {
                foreach (var warning in warnings)
                {
                    error.WriteLine(warning);
                }
            },
        };

        LoadedScript script;
        try
        {
            script = request.Code is { } code ? ScriptCache.LoadText(code, request.ScriptPath, options)
                : IsStandardInput(request.ScriptPath) ? ScriptCache.LoadText(ReadStandardInput(), StandardInputName, options)
                : ScriptCache.Load(request.ScriptPath, options);
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
        catch (ScriptPackageException e)
        {
            error.WriteLine($"roslyn-bootsnap: {e.Message}");
            return ExitCodes.PackageFailure;
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

            return ScriptExitCode.Of(result);
        }
    }

    /// <summary>
    /// <c>-</c> and <c>/dev/stdin</c> name standard input, whatever it is (a pipe, a terminal, a file). Its
    /// script has no file of its own, so it is compiled in memory and never cached.
    /// </summary>
    private static bool IsStandardInput(string path) => path is "-" or "/dev/stdin";

    /// <exception cref="ScriptSourceException">Standard input cannot be read or is not UTF-8 text.</exception>
    private static string ReadStandardInput()
    {
        try
        {
            using var reader = new StreamReader(Console.OpenStandardInput(), StrictUtf8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException e)
        {
            throw new ScriptSourceException(StandardInputName, CacheSteps.DecodeSource, "The script is not valid UTF-8 text", e);
        }
        catch (IOException e)
        {
            throw new ScriptSourceException(StandardInputName, CacheSteps.ReadSource, "The script cannot be read", e);
        }
    }
}
