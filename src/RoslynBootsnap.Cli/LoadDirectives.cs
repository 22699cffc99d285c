namespace RoslynBootsnap.Cli;

/// <summary>
/// The <c>#load</c> targets of a set of scripts, read from their directive headers without compiling. A
/// helper that only works inside the scripts that load it (it uses another helper's members, say) fails to
/// compile on its own; <c>precompile</c> over a folder must not call that a failed script.
/// </summary>
/// <remarks>
/// A failure is reclassified only when another script in the set loads the file: whatever is really wrong
/// with it then fails that script too, so no error goes unreported. A file nothing loads keeps its failure.
/// </remarks>
internal static class LoadDirectives
{
    /// <summary>Full paths of the files that any of <paramref name="scripts"/> <c>#load</c>s.</summary>
    public static HashSet<string> TargetsOf(IEnumerable<string> scripts)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var script in scripts)
        {
            foreach (var target in Read(script))
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    /// <summary>A failure of a file another script loads becomes <see cref="PrecompileOutcome.LoadOnly"/>.</summary>
    public static PrecompileResult Reclassify(PrecompileResult result, HashSet<string> loadTargets) =>
        result.Outcome == PrecompileOutcome.Failed && loadTargets.Contains(result.Path)
            ? result with { Outcome = PrecompileOutcome.LoadOnly }
            : result;

    /// <summary>The <c>#load</c> paths of one script, resolved against its folder; none when it cannot be read.</summary>
    private static List<string> Read(string script)
    {
        var targets = new List<string>();
        var directory = Path.GetDirectoryName(script)!;
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadLines(script);
            var inComment = false;
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (inComment || line.StartsWith("/*", StringComparison.Ordinal))
                {
                    inComment = !line.Contains("*/", StringComparison.Ordinal);
                    continue;
                }

                if (line.StartsWith("#load", StringComparison.Ordinal) && Quoted(line) is { } target)
                {
                    // A package reference ("nuget: ...") is no file of the set.
                    if (!target.Contains(':', StringComparison.Ordinal) || Path.IsPathRooted(target))
                    {
                        targets.Add(ScriptCache.GetFullPath(Path.Combine(directory, target)));
                    }
                }
                else if (line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("//", StringComparison.Ordinal))
                {
                    // Directives come first in a script: the first line of code ends them.
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The script's own precompile reports it.
        }

        return targets;
    }

    private static string? Quoted(string line)
    {
        var start = line.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : line.IndexOf('"', start + 1);
        return end > start + 1 ? line[(start + 1)..end] : null;
    }
}
