using System.Globalization;
using System.Text.Json;

namespace RoslynBootsnap.Cli;

/// <summary>
/// The remote tier's part of <c>stats</c>, when a remote is named: its entries, and the fleet-wide hits and misses
/// that writing hosts count there. A remote that cannot be read is reported, not fatal.
/// </summary>
internal static class RemoteStatsReport
{
    /// <summary>The remote <c>--remote</c> or the environment names; <see langword="null"/> when none.</summary>
    public static string? Resolve(string? remote) =>
        !string.IsNullOrWhiteSpace(remote) ? remote
        : ScriptEnvironment.Remote is { } variable && !string.IsNullOrWhiteSpace(variable) ? variable : null;

    public static void Write(string remote, TextWriter output)
    {
        if (Read(remote, out var error) is not { } statistics)
        {
            output.WriteLine($"remote:     {remote.Split(',')[0]} (unreadable: {error})");
            return;
        }

        output.WriteLine($"remote:     {remote.Split(',')[0]}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  entries:  {statistics.Entries} ({Quantity.FormatSize(statistics.Bytes)})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  hits:     {statistics.Hits} (fleet-wide, counted by hosts that write)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  misses:   {statistics.Misses}"));
    }

    public static void Write(string remote, Utf8JsonWriter writer)
    {
        writer.WriteStartObject("remote");
        writer.WriteString("store", remote.Split(',')[0]);
        if (Read(remote, out var error) is { } statistics)
        {
            writer.WriteNumber("entries", statistics.Entries);
            writer.WriteNumber("bytes", statistics.Bytes);
            writer.WriteNumber("hits", statistics.Hits);
            writer.WriteNumber("misses", statistics.Misses);
        }
        else
        {
            writer.WriteString("error", error);
        }

        writer.WriteEndObject();
    }

    private static RemoteCacheStatistics? Read(string remote, out string? error)
    {
        try
        {
            error = null;
            using var progress = TerminalProgress.ForStandardError("remote entries counted");
            return RemoteCacheStatistics.Read(remote, progress);
        }
        catch (IOException e)
        {
            error = e.Message;
            return null;
        }
    }
}
