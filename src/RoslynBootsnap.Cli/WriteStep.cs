namespace RoslynBootsnap.Cli;

/// <summary>
/// A failed write step in the words a user reads, for messages: <see cref="CacheSteps"/> names are tags for
/// code and event logs, and <c>(create-temp)</c> in a message says little to someone who has not read the code.
/// </summary>
internal static class WriteStep
{
    public static string Describe(string? step) => step switch
    {
        CacheSteps.Mkdir => "creating a cache directory",
        CacheSteps.CreateTemp => "creating a temporary file in the cache",
        CacheSteps.Write => "writing the entry",
        CacheSteps.Flush => "flushing the entry to disk",
        CacheSteps.Rename => "moving the entry into place",
        CacheSteps.Unlink => "removing the old entry",
        null => "writing to the cache",
        _ => $"writing to the cache ({step})",
    };
}
