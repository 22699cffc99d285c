using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace RoslynBootsnap.Cli;

/// <summary><c>roslyn-bootsnap stats [--json] [--remote URL]</c>: what the cache holds, and the remote tier when one is named.</summary>
internal static class StatsCommand
{
    /// <summary>How entries of the layout before namespaces (shards directly in the cache dir) are listed.</summary>
    private const string LegacyNamespace = "(top level)";

    public static Command Create(CommandLineOptions options)
    {
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object." };
        var command = new Command("stats", "Report the entries in the cache: count, bytes, age, orphans, unreadable ones, links and namespaces.") { json };
        command.SetAction(result =>
        {
            var settings = options.Read(result);
            var cacheDirectory = CacheDirectoryOption.Resolve(settings.CacheDirectory);

            // run's options with the cache dir already resolved, so a blank variable is warned about once.
            var runOptions = CliScriptOptions.Create(settings with { CacheDirectory = cacheDirectory });
            return Execute(cacheDirectory, result.GetValue(json), Console.Out, RemoteStatsReport.Resolve(settings.Remote), NamespaceDescription.ToolKey(runOptions));
        });
        return command;
    }

    internal static int Execute(string cacheDirectory, bool json, TextWriter output, string? remote = null, Caching.CacheHeader? toolKey = null)
    {
        // All zeros would read as an empty cache; a mistyped --cache-dir deserves to be told apart.
        var exists = Directory.Exists(cacheDirectory);
        if (!exists)
        {
            Console.Error.WriteLine($"roslyn-bootsnap: the cache dir '{cacheDirectory}' does not exist: nothing has been cached there");
        }

        var inventory = new ScriptCacheMaintenance(cacheDirectory).GetInventory();
        var entries = inventory.Where(e => e.IsEntry).ToList();
        var oldest = entries.MinBy(e => e.LastWriteUtc);
        var newest = entries.MaxBy(e => e.LastWriteUtc);
        int Count(CacheEntryStatus status) => inventory.Count(e => e.Status == status);
        var namespaces = entries
            .GroupBy(e => e.Namespace ?? LegacyNamespace, StringComparer.Ordinal)
            .Select(g => (
                Name: g.Key,
                Entries: g.Count(),
                Bytes: g.Sum(e => e.Length),
                LastUsed: g.Max(e => e.LastAccessUtc),
                StandsFor: toolKey is not { } tool || g.Key == LegacyNamespace
                    ? null
                    : NamespaceDescription.Describe(g.Where(e => e.Status == CacheEntryStatus.Valid).Select(e => NamespaceDescription.ReadKey(e.EntryPath)).FirstOrDefault(k => k is not null), tool)))
            .OrderByDescending(n => n.LastUsed)
            .ToList();

        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("cacheDirectory", cacheDirectory);
                writer.WriteBoolean("exists", exists);
                writer.WriteNumber("entries", entries.Count);
                writer.WriteNumber("bytes", entries.Sum(e => e.Length));
                writer.WriteNumber("valid", Count(CacheEntryStatus.Valid));
                writer.WriteNumber("orphaned", Count(CacheEntryStatus.Orphaned));
                writer.WriteNumber("unreadable", Count(CacheEntryStatus.Unreadable) + Count(CacheEntryStatus.Corrupt));
                writer.WriteNumber("untrusted", Count(CacheEntryStatus.Untrusted));
                writer.WriteNumber("tempFiles", Count(CacheEntryStatus.TempFile));
                writer.WriteNumber("symbolicLinks", Count(CacheEntryStatus.SymbolicLink));
                writer.WriteNumber("notRegularFiles", Count(CacheEntryStatus.NotRegularFile));
                writer.WriteStartArray("namespaces");
                foreach (var space in namespaces)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", space.Name);
                    writer.WriteString("standsFor", space.StandsFor);
                    writer.WriteNumber("entries", space.Entries);
                    writer.WriteNumber("bytes", space.Bytes);
                    writer.WriteString("lastUsed", space.LastUsed);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                WriteEntry(writer, "oldest", oldest);
                WriteEntry(writer, "newest", newest);
                if (remote is not null)
                {
                    RemoteStatsReport.Write(remote, writer);
                }

                writer.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return ExitCodes.Success;
        }

        output.WriteLine($"cache:      {cacheDirectory}{(exists ? string.Empty : " (does not exist)")}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"entries:    {entries.Count} ({Quantity.FormatSize(entries.Sum(e => e.Length))})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"orphaned:   {Count(CacheEntryStatus.Orphaned)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unreadable: {Count(CacheEntryStatus.Unreadable) + Count(CacheEntryStatus.Corrupt)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"untrusted:  {Count(CacheEntryStatus.Untrusted)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"temp files: {Count(CacheEntryStatus.TempFile)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"links:      {Count(CacheEntryStatus.SymbolicLink)} (never followed)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"not files:  {Count(CacheEntryStatus.NotRegularFile)}"));
        output.WriteLine($"oldest:     {Describe(oldest)}");
        output.WriteLine($"newest:     {Describe(newest)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"namespaces: {namespaces.Count}"));
        foreach (var space in namespaces)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {(space.StandsFor is null ? space.Name : $"{space.StandsFor} ({space.Name})")}: {space.Entries} {(space.Entries == 1 ? "entry" : "entries")} ({Quantity.FormatSize(space.Bytes)}), last used {space.LastUsed:yyyy-MM-dd HH:mm}Z"));
        }

        if (remote is not null)
        {
            RemoteStatsReport.Write(remote, output);
        }

        return ExitCodes.Success;
    }

    private static string Describe(CacheEntryInfo? entry) => entry is null
        ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{entry.LastWriteUtc:yyyy-MM-dd HH:mm:ss}Z {entry.SourcePath ?? entry.EntryPath}");

    private static void WriteEntry(Utf8JsonWriter writer, string name, CacheEntryInfo? entry)
    {
        if (entry is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString("entry", entry.EntryPath);
        writer.WriteString("script", entry.SourcePath);
        writer.WriteString("written", entry.LastWriteUtc);
        writer.WriteEndObject();
    }
}
