using System.Globalization;

namespace RoslynBootsnap.Cli;

/// <summary>
/// Shows precompile progress: a redrawn progress bar on a terminal, one plain line per script when the
/// output is redirected (a log or a build step has no use for carriage returns).
/// </summary>
internal sealed class PrecompileReporter
{
    private const int BarWidth = 30;

    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly int _total;
    private readonly Lock _lock = new();
    private int _done;

    public PrecompileReporter(TextWriter output, bool interactive, int total)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _interactive = interactive;
        _total = total;
    }

    public void Report(PrecompileResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            _done++;
            if (_interactive)
            {
                var filled = _total == 0 ? BarWidth : _done * BarWidth / _total;
                _output.Write(string.Create(
                    CultureInfo.InvariantCulture,
                    $"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {_done}/{_total} {Shorten(Path.GetFileName(result.Path))}"));
            }
            else
            {
                _output.WriteLine($"{Label(result.Outcome),-10} {Display(result.Path)}");
            }
        }
    }

    /// <summary>Clears the bar so that what follows starts on a clean line.</summary>
    public void Finish()
    {
        if (_interactive && _done > 0)
        {
            _output.Write('\r' + new string(' ', BarWidth + 60) + '\r');
        }
    }

    public static string Label(PrecompileOutcome outcome) => outcome switch
    {
        PrecompileOutcome.Compiled => "compiled",
        PrecompileOutcome.UpToDate => "up to date",
        PrecompileOutcome.LoadOnly => "#load only",
        _ => "failed",
    };

    /// <summary>Paths under the current dir print relative, as the user most likely typed them.</summary>
    public static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string Shorten(string name) => name.Length <= 40 ? name.PadRight(40) : name[..37] + "...";
}
