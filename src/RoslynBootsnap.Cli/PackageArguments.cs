using System.CommandLine;

namespace RoslynBootsnap.Cli;

/// <summary>
/// <c>--refresh AGE</c>: how long a floating package version is served before it is resolved again. An option of
/// every command, read once from the parse, so that <c>run</c> and <c>precompile</c> agree on it.
/// </summary>
internal static class PackageArguments
{
    public static readonly Option<TimeSpan?> Refresh = new("--refresh")
    {
        Description = "Resolve floating package versions (1.*, ranges) again once they are this old, e.g. 0s, 12h, 7d (default: 1d).",
        CustomParser = Quantity.ParseAgeOption,
        Recursive = true,
    };

    private static TimeSpan? _refresh;

    public static void AddTo(RootCommand root) => root.Options.Add(Refresh);

    public static void Read(ParseResult parsed) => _refresh = parsed.GetValue(Refresh);

    /// <summary>The options with the interval the command line named, if it named one.</summary>
    public static ScriptCacheOptions Apply(ScriptCacheOptions options) =>
        _refresh is { } refresh ? options with { PackageRefreshInterval = refresh } : options;
}
