using RoslynBootsnap;

namespace PluginHost;

/// <summary>
/// What one load or reload did. <see cref="Error"/> is set when the new version failed; the old one (if
/// any) then keeps running. <see cref="OldContext"/> watches the replaced version's context, and
/// <see cref="OldContextCollected"/> says whether it was really collected after the unload.
/// </summary>
public sealed record PluginLoadReport(
    string Path,
    string? Name,
    string Outcome,
    TimeSpan Elapsed,
    string? Output = null,
    string? Error = null,
    ScriptUnload? OldContext = null,
    bool? OldContextCollected = null)
{
    public bool Succeeded => Error is null;
}
