using System.CommandLine;
using System.Globalization;

namespace RoslynBootsnap.Cli;

/// <summary>
/// <c>roslyn-bootsnap clean [--older-than 30d] [--max-size 500MB] [--orphans] [--dry-run]</c>: prunes the cache,
/// least recently used first. Temp files of writes still in flight are never touched.
/// </summary>
internal static class CleanCommand
{
    public static Command Create(CommandLineOptions options)
    {
        var olderThan = new Option<TimeSpan?>("--older-than")
        {
            Description = "Remove entries not used for this long, e.g. 30d, 12h, 2w.",
            CustomParser = Quantity.ParseAgeOption,
        };
        var maxSize = new Option<long?>("--max-size")
        {
            Description = "Then remove the least recently used entries until the cache fits, e.g. 500MB, 2GiB.",
            CustomParser = Quantity.ParseSizeOption,
        };
        var orphans = new Option<bool>("--orphans") { Description = "Remove entries whose script is gone or has moved." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be removed; remove nothing." };

        var command = new Command("clean", "Remove old, orphaned or least recently used entries.") { olderThan, maxSize, orphans, dryRun };
        command.SetAction(result => Execute(
            CacheDirectoryOption.Resolve(options.Read(result).CacheDirectory),
            new CleanCriteria(result.GetValue(olderThan), result.GetValue(maxSize), result.GetValue(orphans)),
            result.GetValue(dryRun),
            Console.Out,
            Console.Error));
        return command;
    }

    internal static int Execute(string cacheDirectory, CleanCriteria criteria, bool dryRun, TextWriter output, TextWriter error)
    {
        if (criteria is { OlderThan: null, MaxSize: null, Orphans: false })
        {
            // Only abandoned temp files go without a criterion; an entry never does.
            error.WriteLine("roslyn-bootsnap: clean removes entries only when asked: give --older-than AGE, --max-size SIZE or --orphans (add --dry-run to see what would go first)");
        }

        var result = new ScriptCacheMaintenance(cacheDirectory).Clean(criteria, dryRun);
        foreach (var entry in result.Removed)
        {
            output.WriteLine($"{(dryRun ? "would remove" : "remove")} {entry.EntryPath} ({Describe(entry)})");
        }

        foreach (var failure in result.Failures)
        {
            error.WriteLine($"roslyn-bootsnap: cannot remove {failure.Entry.EntryPath}: {failure.Message}");
        }

        var removed = result.Removed.Count - result.Failures.Count;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{(dryRun ? "would remove" : "removed")} {removed} {(result.Removed.Count == 1 ? "file" : "files")} ({Quantity.FormatSize(result.BytesFreed)}), {result.EntriesKept} entries kept"));
        return result.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Describe(CacheEntryInfo entry) => entry.Status switch
    {
        CacheEntryStatus.TempFile => "abandoned temp file",
        CacheEntryStatus.Orphaned => $"orphaned: {entry.SourcePath}",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Quantity.FormatSize(entry.Length)}, last used {entry.LastAccessUtc:yyyy-MM-dd HH:mm}Z{(entry.SourcePath is null ? string.Empty : ", " + entry.SourcePath)}"),
    };
}
