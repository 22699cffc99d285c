using System.Globalization;
using System.Text;

namespace RoslynBootsnap.StartupHarness;

/// <summary>Every timed run of every case, and the medians the report is made of.</summary>
internal sealed class Measurements
{
    private readonly Dictionary<string, List<ChildResult>> _runs = new(StringComparer.Ordinal);

    public void Add(string name, ChildResult result)
    {
        if (!_runs.TryGetValue(name, out var list))
        {
            _runs[name] = list = [];
        }

        list.Add(result);
    }

    public bool Has(string name) => _runs.ContainsKey(name);

    public int Count(string name) => _runs.TryGetValue(name, out var list) ? list.Count : 0;

    public double WallSeconds(string name) => Median(_runs[name].Select(r => r.Wall.TotalSeconds));

    public double PeakMebibytes(string name) => Median(_runs[name].Select(r => r.PeakBytes / 1048576.0));

    public double MinSeconds(string name) => _runs[name].Min(r => r.Wall.TotalSeconds);

    public double MaxSeconds(string name) => _runs[name].Max(r => r.Wall.TotalSeconds);

    /// <summary>The median wall time of case <paramref name="a"/> over that of case <paramref name="b"/>.</summary>
    public double Ratio(string a, string b) => WallSeconds(a) / WallSeconds(b);

    /// <summary>The table of <paramref name="cases"/>: median and range of wall time, median peak RSS.</summary>
    public void AppendCaseTable(StringBuilder text, IEnumerable<HarnessCase> cases)
    {
        text.AppendLine("| case | median | min–max | peak RSS |");
        text.AppendLine("|---|---|---|---|");
        foreach (var k in cases)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {k.Description} | {WallSeconds(k.Name):0.000} s | {MinSeconds(k.Name):0.000}–{MaxSeconds(k.Name):0.000} s | {PeakMebibytes(k.Name):0} MiB |");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
