namespace RoslynBootsnap.Diagnostics;

/// <summary>
/// The instruments of one cache built with a host's meter factory: its own counts and duration recorders, so
/// that the host's meter reports this cache alone.
/// </summary>
/// <remarks>
/// It names no metrics type, so the engine can hold one (or none) without loading
/// System.Diagnostics.DiagnosticSource; <see cref="CacheInstruments"/> builds it and the instruments behind it.
/// </remarks>
internal sealed class CacheMeter(CacheCounts counts, Action<TimeSpan, string> compiled, Action<TimeSpan, string> loaded)
{
    public CacheCounts Counts { get; } = counts;

    public void Compiled(TimeSpan duration) => compiled(duration, Counts.Name);

    public void Loaded(TimeSpan duration) => loaded(duration, Counts.Name);

    /// <summary>Records a duration of the named cache: the process-wide meter records for many.</summary>
    public void Record(TimeSpan duration, string cacheName, bool compile) => (compile ? compiled : loaded)(duration, cacheName);
}
