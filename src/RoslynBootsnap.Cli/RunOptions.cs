using System.Collections.ObjectModel;

namespace RoslynBootsnap.Cli;

/// <summary>
/// The one declaration of <c>run</c>'s options, and the hand parse that the fast paths (<see cref="RunShortcut"/>,
/// <see cref="ScriptPathShortcut"/>) make from it. It names no System.CommandLine type, so a warm run through
/// those paths never loads that assembly; <see cref="CommandLineOptions"/> makes the full parser's options from
/// the same table, so an option added here is honoured by every form of <c>run</c>.
/// </summary>
internal static class RunOptions
{
    /// <summary>Every option of <c>run</c>, in the order help lists them.</summary>
    public static ReadOnlyCollection<RunOption> All { get; } = Array.AsReadOnly(
    [
        new RunOption(
            "--cache-dir",
            "a directory",
            everyCommand: true,
            "The cache dir (default: $ROSLYN_BOOTSNAP_CACHE_DIR, else $XDG_CACHE_HOME/roslyn-bootsnap, else ~/.cache/roslyn-bootsnap).",
            (s, v) => s with { CacheDirectory = v }),
        new RunOption(
            "--no-cache",
            valueRule: null,
            everyCommand: false,
            "Compile in memory; read and write no cache entry.",
            (s, _) => s with { NoCache = true }),
        new RunOption(
            "--events",
            valueRule: null,
            everyCommand: false,
            "Print one line per cache event to stderr: 'roslyn-bootsnap: <event> <full script path>'.",
            (s, _) => s with { Events = true }),
        new RunOption(
            "--no-server",
            valueRule: null,
            everyCommand: false,
            $"Compile a miss in this process, not in the per-user compile server (also: {CompileServer.NoServerVariable}=1).",
            (s, _) => s with { NoServer = true }),
        new RunOption(
            "--sha256",
            "a SHA-256 digest in hex (64 digits)",
            everyCommand: false,
            "For a script given as an http(s):// URL: the SHA-256 its content must have; it runs only if it matches.",
            (s, v) => ScriptDownload.IsDigest(v) ? s with { Sha256 = v } : null),
        new RunOption(
            "--trust-url",
            valueRule: null,
            everyCommand: false,
            "Run a script given as an http(s):// URL without a pinned --sha256: whoever serves it chooses the code.",
            (s, _) => s with { TrustUrl = true }),
        new RunOption(
            "--base-dir",
            "a directory",
            everyCommand: true,
            "Key scripts under this directory by their relative path, so the cache can move with them (default: $ROSLYN_BOOTSNAP_BASE_DIR).",
            (s, v) => s with { BaseDirectory = v }),
        new RunOption(
            "--remote",
            "a remote such as redis://host:port",
            everyCommand: true,
            "A remote tier shared by many hosts, redis://host:port[,options] (default: $ROSLYN_BOOTSNAP_REMOTE). Needs a signing key.",
            (s, v) => s with { Remote = v }),
        new RunOption(
            "--remote-key-file",
            "a file",
            everyCommand: true,
            "A file holding the key remote entries are signed with (default: $ROSLYN_BOOTSNAP_REMOTE_KEY, else $ROSLYN_BOOTSNAP_REMOTE_KEY_FILE).",
            (s, v) => s with { RemoteKeyFile = v }),
        new RunOption(
            "--remote-readonly",
            valueRule: null,
            everyCommand: true,
            "Read the remote tier, never write to it (default: $ROSLYN_BOOTSNAP_REMOTE_READONLY).",
            (s, _) => s with { RemoteReadOnly = true }),
        new RunOption(
            "--refresh",
            $"an age such as 30d, 12h or 2w, at most {Quantity.MaximumAge.Days}d",
            everyCommand: true,
            "Resolve floating package versions (1.*, ranges) again once they are this old, e.g. 0s, 12h, 7d (default: 1d).",
            (s, v) => Quantity.TryParseAge(v, out var age) ? s with { Refresh = age } : null),
    ]);

    /// <summary>
    /// Reads the option at <paramref name="index"/> into <paramref name="settings"/>, moving
    /// <paramref name="index"/> past its value. <see langword="false"/> (nothing changed) for anything the full
    /// parser might read another way or reject: a word that is no option of <c>run</c>, an option given twice
    /// (<paramref name="given"/> holds one flag per entry of <see cref="All"/>), a missing or invalid value, or a
    /// flag followed by <c>true</c>/<c>false</c>, which System.CommandLine takes as the flag's value.
    /// </summary>
    public static bool TryRead(IReadOnlyList<string> args, ref int index, bool[] given, ref RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(given);
        var token = args[index];
        if (!token.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        // --name=value, as the full parser splits it.
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? token : token[..equals];
        var inline = equals < 0 ? null : token[(equals + 1)..];
        for (var i = 0; i < All.Count; i++)
        {
            var option = All[i];
            if (!string.Equals(option.Name, name, StringComparison.Ordinal))
            {
                continue;
            }

            var next = index;
            string value;
            if (given[i])
            {
                return false;
            }
            else if (!option.TakesValue)
            {
                if (inline is not null || (index + 1 < args.Count && bool.TryParse(args[index + 1], out _)))
                {
                    return false;
                }

                value = bool.TrueString;
            }
            else if (inline is { Length: > 0 })
            {
                value = inline;
            }
            else if (inline is null && index + 1 < args.Count && IsPlainValue(args[index + 1]))
            {
                value = args[++next];
            }
            else
            {
                return false;
            }

            if (option.Apply(settings, value) is not { } applied)
            {
                return false;
            }

            given[i] = true;
            settings = applied;
            index = next;
            return true;
        }

        return false;
    }

    /// <summary>A word the full parser can only take as a value: not an option, a response file or a help alias.</summary>
    public static bool IsPlainValue(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return !token.StartsWith('-') && !token.StartsWith('@') && token is not ("/?" or "/h" or "/help");
    }
}
