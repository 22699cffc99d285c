using System.Collections.ObjectModel;

namespace RoslynBootsnap.Cli;

/// <summary>
/// <c>roslyn-bootsnap [run options] &lt;script&gt; [args...]</c>, the form dotnet-script users type and the one a
/// <c>#!/usr/bin/env roslyn-bootsnap</c> line produces: the script path in place of a command. The options before
/// the path are <c>run</c>'s, read from the same declaration (<see cref="RunOptions"/>). Everything after the path
/// belongs to the script, dashes and all (one <c>--</c> right after it is dropped, as dotnet-script does), because
/// a script run as <c>./tool.csx --verbose</c> must get its own options.
/// </summary>
internal static class ScriptPathShortcut
{
    /// <summary>The commands a first word could name; such a word is never taken for a script.</summary>
    public static ReadOnlyCollection<string> CommandNames { get; } =
        Array.AsReadOnly(["run", "eval", "init", "precompile", "stats", "clean", "verify", "server"]);

    /// <summary>Reads the form; <see langword="false"/> leaves the command line to the other parsers.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(args);
        request = null!;
        var settings = RunSettings.None;
        var given = new bool[RunOptions.All.Count];
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (IsScriptPath(token))
            {
                var rest = args.Skip(i + 1).ToList();
                if (rest.Count > 0 && rest[0] == "--")
                {
                    rest.RemoveAt(0);
                }

                request = new RunRequest(token, rest, settings);
                return true;
            }

            if (!RunOptions.TryRead(args, ref i, given, ref settings))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A word that names a script rather than a command: a <c>.csx</c> name, a path with a directory in it
    /// (what a <c>#!</c> line passes), an existing file, or <c>-</c> for standard input. A mistyped command is none
    /// of these.
    /// </summary>
    private static bool IsScriptPath(string token) =>
        token == ScriptRunner.StandardInput
        || (token.Length > 0
        && !token.StartsWith('-')
        && !token.StartsWith('@')
        && !CommandNames.Contains(token, StringComparer.Ordinal)
        && (token.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) || token.Contains('/') || File.Exists(token)));
}
