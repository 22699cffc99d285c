using System.CommandLine;
using System.Globalization;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Cli;

/// <summary>
/// <c>roslyn-bootsnap verify [--fix]</c>: checks every entry's header, checksum and manifest and who could have
/// written it, and reports the bad ones; <c>--fix</c> removes them.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(Option<string?> cacheDirectory)
    {
        var fix = new Option<bool>("--fix") { Description = "Remove the bad entries." };
        var command = new Command("verify", "Check every entry's header, checksum and manifest; report (or with --fix remove) the bad ones.") { fix };
        command.SetAction(result => Execute(CacheDirectoryOption.Resolve(result.GetValue(cacheDirectory)), result.GetValue(fix), Console.Out, Console.Error));
        return command;
    }

    internal static int Execute(string cacheDirectory, bool fix, TextWriter output, TextWriter error)
    {
        var inventory = CacheInventory.Scan(cacheDirectory).ToList();
        var bad = inventory.Where(e => e.Status is CacheEntryStatus.Corrupt or CacheEntryStatus.Unreadable or CacheEntryStatus.Untrusted).ToList();
        foreach (var entry in bad)
        {
            output.WriteLine($"{Label(entry.Status)} {entry.EntryPath}: {entry.Problem}");
        }

        // Links and other non-files are reported and left in place: the cache never follows or removes them.
        var foreign = inventory.Where(e => !e.IsRemovable).ToList();
        foreach (var entry in foreign)
        {
            output.WriteLine($"{Label(entry.Status)} {entry.EntryPath}: {entry.Problem}; not removed, remove it by hand");
        }

        foreach (var orphan in inventory.Where(e => e.Status == CacheEntryStatus.Orphaned))
        {
            output.WriteLine($"orphaned   {orphan.EntryPath}: {orphan.Problem} ({orphan.SourcePath}); 'clean --orphans' removes it");
        }

        var checkedCount = inventory.Count(e => e.IsEntry);
        var foreignNote = foreign.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", {foreign.Count} not entries");
        if (!fix)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{checkedCount} entries checked, {bad.Count} bad{foreignNote}"));
            return bad.Count == 0 && foreign.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }

        var failures = 0;
        CacheCleaner.Remove(cacheDirectory, bad, (entry, e) =>
        {
            failures++;
            error.WriteLine($"roslyn-bootsnap: cannot remove {entry.EntryPath}: {e.Message}");
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{checkedCount} entries checked, {bad.Count} bad, {bad.Count - failures} removed{foreignNote}"));
        return failures == 0 && foreign.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Label(CacheEntryStatus status) => status switch
    {
        CacheEntryStatus.Corrupt => "corrupt   ",
        CacheEntryStatus.Unreadable => "unreadable",
        CacheEntryStatus.SymbolicLink => "link      ",
        CacheEntryStatus.NotRegularFile => "not a file",
        _ => "untrusted ",
    };
}
