using System.Globalization;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Server;

/// <summary>
/// Compiles a few scratch scripts in the background: once when the server starts, for the options of the client
/// that started it, and once for each new set of client options, after its first request. The compiler's code is
/// then jitted and its caches filled before a client waits on them, so even the first edits after a start are
/// answered warm. Scratch scripts and entries live in the server's private directory and are removed; no
/// client's cache is touched.
/// </summary>
internal sealed class ServerWarmUp
{
    /// <summary>
    /// Names the options of the client that started the server, as that client would send them in a request
    /// (base64): the server warms up for them at once, instead of after that client's first request.
    /// </summary>
    public const string OptionsVariable = ScriptEnvironment.ServerWarmUpVariable;

    /// <summary>Enough compiles for the compiler's hot code to reach its optimized tier.</summary>
    private const int Compiles = 16;

    private const string ScratchName = "warm-up";

    private readonly DirectoryHandle _directory;
    private int _runs;

    /// <param name="directory">The server's own directory, judged private; the warm-up works only through it.</param>
    public ServerWarmUp(DirectoryHandle directory) => _directory = directory;

    /// <summary>The request bytes of <paramref name="options"/>, for <see cref="OptionsVariable"/>.</summary>
    public static string Encode(ScriptCacheOptions options, string cacheDirectory)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            CompileRequest.WriteOptions(writer, options, cacheDirectory);
        }

        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Warms the compiler up for <paramref name="options"/> after <paramref name="delay"/>, in the background.</summary>
    public Task StartAsync(ScriptCacheOptions options, TimeSpan delay, CancellationToken cancellationToken)
    {
        var run = Interlocked.Increment(ref _runs);
        return Task.Run(
            async () =>
            {
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    Run(options, run, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // The server is stopping.
                }
            },
            CancellationToken.None);
    }

    private void Run(ScriptCacheOptions options, int run, CancellationToken cancellationToken)
    {
        var name = run.ToString(CultureInfo.InvariantCulture);
        try
        {
            // Inside the server's private directory, through handles: the scratch dir is one this run made itself.
            _directory.CreateDirectory(ScratchName);
            using var scratch = _directory.OpenDirectoryOrNull(ScratchName, out _);
            if (scratch is null)
            {
                return;
            }

            scratch.RemoveTree(name);
            scratch.CreateDirectory(name);
            try
            {
                Compile(options, scratch.PathThrough(name), cancellationToken);
            }
            finally
            {
                // Never a recursive delete through a path: each entry is removed through its directory's handle,
                // and a link is removed, not followed.
                scratch.RemoveTree(name);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ScriptSourceException or ObjectDisposedException)
        {
            // A warm-up is an optimization; a request compiles as well without it. Its directory is removed with
            // the next warm-up of the same number, or left in the private dir; a stopped server has closed its handle.
        }
    }

    /// <summary>Compiles the scratch scripts in <paramref name="directory"/>, into a cache of their own there.</summary>
    /// <param name="options">The client options warmed up for.</param>
    /// <param name="directory">The run's scratch dir, as a path through its handle.</param>
    /// <param name="cancellationToken">Stops between compiles.</param>
    private static void Compile(ScriptCacheOptions options, string directory, CancellationToken cancellationToken)
    {
        // The client's compile inputs, with none of its side effects: no remote tier, no events, no base.
        var scratch = options with
        {
            CacheDirectory = Path.Join(directory, "cache"),
            OnEvent = null,
            OnCompilerWarnings = null,
            Server = null,
        };
        scratch.Fleet.BaseDirectory = null;
        var cache = new ScriptCacheBuilder(scratch).UseInProcessCompiler().UseLocalEntriesOnly().Build();
        for (var i = 0; i < Compiles && !cancellationToken.IsCancellationRequested; i++)
        {
            var script = Path.Join(directory, string.Create(CultureInfo.InvariantCulture, $"warm-up-{i}.csx"));
            File.WriteAllText(script, Text(i));
            try
            {
                cache.Precompile(script);
            }
            catch (ScriptCompilationException)
            {
                // Options that reject the scratch script (a language version, say) still warmed the parser.
            }
        }
    }

    /// <summary>A small script of the usual kinds of code, different each time so that each is a real compile.</summary>
    private static string Text(int i) => string.Create(CultureInfo.InvariantCulture, $$"""
        using System.Linq;
        var values = System.Linq.Enumerable.Range(0, {{i + 3}}).Select(v => v * 2).Where(v => v > 0).ToList();
        var text = $"{values.Count}: {string.Join(",", values)}";
        await System.Threading.Tasks.Task.Yield();
        record Point{{i}}(int X, int Y);
        return new Point{{i}}(values.Sum(), text.Length).ToString();
        """);
}
