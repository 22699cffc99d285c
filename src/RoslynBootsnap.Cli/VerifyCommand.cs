using System.CommandLine;
using System.Globalization;

namespace RoslynBootsnap.Cli;

/// <summary>
/// <c>roslyn-bootsnap verify [--fix]</c>: checks every entry's header, checksum and manifest and who could have
/// written it, and reports the bad ones; <c>--fix</c> removes them.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CommandLineOptions options)
    {
        var fix = new Option<bool>("--fix") { Description = "Remove the bad entries." };
        var command = new Command("verify", "Check every entry's header, checksum and manifest; report (or with --fix remove) the bad ones.") { fix };
        command.SetAction(result => Execute(CacheDirectoryOption.Resolve(options.Read(result).CacheDirectory), result.GetValue(fix), Console.Out, Console.Error));
        return command;
    }

    internal static int Execute(string cacheDirectory, bool fix, TextWriter output, TextWriter error)
    {
        var result = new ScriptCacheMaintenance(cacheDirectory).Verify(fix);
        foreach (var entry in result.Bad)
        {
            output.WriteLine($"{Label(entry.Status)} {entry.EntryPath}: {entry.Problem}");
        }

        // Links and other non-files are reported and left in place: the cache never follows or removes them.
        foreach (var entry in result.NotEntries)
        {
            output.WriteLine($"{Label(entry.Status)} {entry.EntryPath}: {entry.Problem}; not removed, remove it by hand");
        }

        foreach (var orphan in result.Orphans)
        {
            output.WriteLine($"orphaned   {orphan.EntryPath}: {orphan.Problem} ({orphan.SourcePath}); 'clean --orphans' removes it");
        }

        foreach (var failure in result.Failures)
        {
            error.WriteLine($"roslyn-bootsnap: cannot remove {failure.Entry.EntryPath}: {failure.Message}");
        }

        var foreignNote = result.NotEntries.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", {result.NotEntries.Count} not entries");
        var removedNote = fix ? string.Create(CultureInfo.InvariantCulture, $", {result.Removed} removed") : string.Empty;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.EntriesChecked} entries checked, {result.Bad.Count} bad{removedNote}{foreignNote}"));
        return (fix ? result.IsClean : result.Bad.Count == 0 && result.NotEntries.Count == 0) ? ExitCodes.Success : ExitCodes.Failure;
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
