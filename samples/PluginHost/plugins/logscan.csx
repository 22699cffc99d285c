// Parses a web server log with a regular expression and summarises the status codes.
using System.Text.RegularExpressions;

sealed class LogScanPlugin : IPlugin
{
    private static readonly Regex Line = new(
        @"^(?<ip>\S+) \S+ \S+ \[[^\]]+\] ""(?<method>[A-Z]+) (?<path>\S+) [^""]+"" (?<status>\d{3}) \d+$",
        RegexOptions.Compiled);

    public string Name => "logscan";

    public string Run(PluginContext context)
    {
        var matches = File.ReadLines(Path.Combine(context.DataDirectory, "access.log"))
            .Select(l => Line.Match(l))
            .Where(m => m.Success)
            .ToList();
        var byStatus = matches.GroupBy(m => m.Groups["status"].Value).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Count()}");
        var errors = matches.Count(m => m.Groups["status"].Value.StartsWith('5'));
        return $"{matches.Count} requests ({string.Join(" ", byStatus)}), {errors} server errors";
    }
}

new LogScanPlugin()
