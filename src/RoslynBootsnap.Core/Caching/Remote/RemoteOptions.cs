using System.Globalization;

namespace RoslynBootsnap.Caching.Remote;

/// <summary>
/// The options of a remote string that are this library's rather than the client's: <c>lockWait=&lt;ms&gt;</c>,
/// how long a host waits for another's upload of the script it missed before it compiles it itself.
/// </summary>
internal static class RemoteOptions
{
    private const string LockWait = "lockWait=";

    /// <summary>The string without this library's options, for the client; the lock wait it named, if any.</summary>
    public static string Split(string remote, out TimeSpan? lockWait)
    {
        lockWait = null;
        var kept = new List<string>();
        foreach (var part in remote.Split(','))
        {
            var trimmed = part.Trim();
            if (trimmed.StartsWith(LockWait, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(trimmed.AsSpan(LockWait.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            {
                lockWait = TimeSpan.FromMilliseconds(milliseconds);
                continue;
            }

            kept.Add(part);
        }

        return string.Join(',', kept);
    }
}
