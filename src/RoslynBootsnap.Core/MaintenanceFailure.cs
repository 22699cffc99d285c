namespace RoslynBootsnap;

/// <summary>A file that maintenance meant to remove and could not.</summary>
/// <param name="Entry">The file, as the inventory saw it.</param>
/// <param name="Message">Why it could not be removed.</param>
public sealed record MaintenanceFailure(CacheEntryInfo Entry, string Message);
