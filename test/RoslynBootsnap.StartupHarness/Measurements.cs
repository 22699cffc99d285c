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

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
