namespace PluginHost;

/// <summary>
/// What one load or reload did. <see cref="Error"/> is set when the new version failed; the old one (if
/// any) then keeps running. <see cref="OldContext"/> watches the replaced version's context, so the host
/// can show when it has really been collected.
/// </summary>
public sealed record PluginLoadReport(
    string Path,
    string? Name,
    string Outcome,
    TimeSpan Elapsed,
    string? Output = null,
    string? Error = null,
    WeakReference? OldContext = null)
{
    public bool Succeeded => Error is null;
}
