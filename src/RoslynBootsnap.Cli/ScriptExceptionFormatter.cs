using System.Text;

namespace RoslynBootsnap.Cli;

/// <summary>
/// Formats an exception a script threw the way the runtime does, minus the frames below the script:
/// the loader's invoke and this command's own methods say nothing about the script's bug.
/// </summary>
internal static class ScriptExceptionFormatter
{
    private const string InternalFramePrefix = "at RoslynBootsnap.";
    private const string AsyncBoundary = "--- End of stack trace from previous location ---";

    public static string Format(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = new StringBuilder();
        Append(text, exception);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Exception exception)
    {
        text.Append(exception.GetType().FullName).Append(": ").Append(exception.Message);
        if (exception.InnerException is { } inner)
        {
            text.Append(Environment.NewLine).Append(" ---> ");
            Append(text, inner);
            text.Append(Environment.NewLine).Append("   --- End of inner exception stack trace ---");
        }

        foreach (var frame in ScriptFrames(exception.StackTrace))
        {
            text.Append(Environment.NewLine).Append(frame);
        }
    }

    /// <summary>The stack lines down to the first frame of this project's own code.</summary>
    internal static IEnumerable<string> ScriptFrames(string? stackTrace)
    {
        if (string.IsNullOrEmpty(stackTrace))
        {
            return [];
        }

        var lines = stackTrace.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var end = lines.FindIndex(l => l.TrimStart().StartsWith(InternalFramePrefix, StringComparison.Ordinal));
        if (end < 0)
        {
            end = lines.Count;
        }

        // The await boundary just above our first frame would otherwise dangle at the end.
        while (end > 0 && lines[end - 1].Trim() == AsyncBoundary)
        {
            end--;
        }

        return lines.Take(end);
    }
}
