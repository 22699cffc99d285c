using System.Diagnostics.Metrics;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// A meter factory as a host's would be: meters it creates carry it as their scope, so a listener can tell
/// them from same-named meters elsewhere in the process, and it disposes them with itself.
/// </summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public IReadOnlyList<Meter> Meters => _meters;

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
