namespace RoslynBootsnap.Cli;

/// <summary>
/// A count that goes on while a long walk runs, on one line of stderr rewritten in place; only when stderr is a
/// terminal, so a log or a pipe gets none of it. The line is cleared when the walk is done.
/// </summary>
internal sealed class TerminalProgress : IProgress<long>, IDisposable
{
    private readonly string _what;
    private readonly TextWriter _error;
    private bool _shown;

    private TerminalProgress(string what, TextWriter error)
    {
        _what = what;
        _error = error;
    }

    /// <summary>A progress line on stderr when it is a terminal; <see langword="null"/> otherwise.</summary>
    public static TerminalProgress? ForStandardError(string what) =>
        Console.IsErrorRedirected ? null : new TerminalProgress(what, Console.Error);

    public void Report(long value)
    {
        _error.Write($"\rroslyn-bootsnap: {_what}: {value}");
        _error.Flush();
        _shown = true;
    }

    public void Dispose()
    {
        if (_shown)
        {
            // Erase the line, so the report that follows starts clean.
            _error.Write("\r\u001b[K");
            _error.Flush();
        }
    }
}
