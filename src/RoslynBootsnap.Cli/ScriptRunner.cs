using System.Text;

namespace RoslynBootsnap.Cli;

/// <summary>
/// Loads and runs one script. This is the hot path of a warm run: it must name no Roslyn type, so that a
/// cache hit loads no compiler assembly; <see cref="ScriptCompilationException"/> names none.
/// </summary>
internal static class ScriptRunner
{
    /// <summary>The script path that names standard input, wherever a script path goes.</summary>
    public const string StandardInput = "-";

    /// <summary>The name a script read from standard input goes by, in the current directory.</summary>
    public const string StandardInputName = "<stdin>";

    /// <summary>
    /// The most bytes a script read from standard input may have: 16 MiB, far past any script, and a bound on what
    /// an endless stream can take.
    /// </summary>
    public const int StandardInputLimit = 16 * 1024 * 1024;

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
        CompileServerOptions? server;
        try
        {
            server = request.Settings.NoServer || request.Settings.NoCache ? null : CliCompileServer.Options();
        }
        catch (EnvironmentValueException e)
        {
            error.WriteLine($"roslyn-bootsnap: {e.Message}");
            return ExitCodes.Usage;
        }

        var options = CliScriptOptions.Create(request.Settings) with
        {
            Mode = request.Settings.NoCache ? CacheMode.Disabled : null,
            Server = server,
            OnEvent = request.Settings.Events ? e => error.WriteLine($"roslyn-bootsnap: {e}") : null,

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
            if (ScriptDownload.IsUrl(request.ScriptPath))
            {
                if (request.Settings.Sha256 is null && !request.Settings.TrustUrl)
                {
                    error.WriteLine($"roslyn-bootsnap: a script from a URL runs only with its digest pinned (--sha256 <hex>) or with --trust-url: {request.ScriptPath}");
                    return ExitCodes.Usage;
                }

                request = request with
                {
                    ScriptPath = ScriptDownload.Fetch(request.ScriptPath, request.Settings.Sha256, CacheDirectoryOption.Resolve(request.Settings.CacheDirectory), cancellationToken),
                };
            }

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

            return request.Code is { } evaluated ? EvalValue.Finish(evaluated, result, Console.Out) : ScriptExitCode.Of(result);
        }
    }

    /// <summary>
    /// <c>-</c> and <c>/dev/stdin</c> name standard input, whatever it is (a pipe, a terminal, a file). Its
    /// script has no file of its own, so it is compiled in memory and never cached.
    /// </summary>
    internal static bool IsStandardInput(string path) => path is StandardInput or "/dev/stdin";

    /// <exception cref="ScriptSourceException">
    /// Standard input cannot be read, is not UTF-8 text, or holds more than <see cref="StandardInputLimit"/> bytes.
    /// </exception>
    private static string ReadStandardInput()
    {
        try
        {
            using var input = Console.OpenStandardInput();
            var bytes = ReadAtMost(input, StandardInputLimit);
            using var reader = new StreamReader(new MemoryStream(bytes, writable: false), StrictUtf8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException e)
        {
            throw new ScriptSourceException(StandardInputName, CacheSteps.DecodeSource, "The script is not valid UTF-8 text", e);
        }
        catch (IOException e) when (e is not ScriptSourceException)
        {
            throw new ScriptSourceException(StandardInputName, CacheSteps.ReadSource, "The script cannot be read", e);
        }
    }

    /// <summary>
    /// The stream's bytes to its end; past <paramref name="limit"/> it stops reading and throws, so an endless
    /// stream (<c>yes | roslyn-bootsnap run -</c>) costs a bounded buffer, not all of memory.
    /// </summary>
    /// <exception cref="ScriptSourceException">The stream holds more than <paramref name="limit"/> bytes.</exception>
    internal static byte[] ReadAtMost(Stream input, int limit, Func<Exception>? tooLarge = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1L - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw tooLarge?.Invoke() ?? new ScriptSourceException(
                    StandardInputName,
                    CacheSteps.ReadSource,
                    $"The script on standard input is larger than {limit / (1024 * 1024)} MiB, the most a script read from standard input may be");
            }
        }

        return buffer.ToArray();
    }
}
