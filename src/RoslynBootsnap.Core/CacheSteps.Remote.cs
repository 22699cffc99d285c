namespace RoslynBootsnap;

/// <summary>The steps a <c>remote-failed</c> or <c>remote-miss</c> event names.</summary>
public static partial class CacheSteps
{
    /// <summary>A remote store is configured but no signing key is: there is no remote tier.</summary>
    public const string RemoteKey = "remote-key";

    /// <summary>Connecting to the remote store failed or timed out.</summary>
    public const string RemoteConnect = "remote-connect";

    /// <summary>The remote store failed a moment ago; it is left alone for a short while instead of being retried per script.</summary>
    public const string RemoteUnavailable = "remote-unavailable";

    /// <summary>Reading a remote entry failed or timed out.</summary>
    public const string RemoteGet = "remote-get";

    /// <summary>Writing a remote entry or its compile lock failed or timed out (a full server, say).</summary>
    public const string RemotePut = "remote-put";

    /// <summary>A remote value is unsigned, wrongly signed or truncated; it was refused unread.</summary>
    public const string RemoteSignature = "remote-signature";

    /// <summary>A remote value is larger than any entry may be; it was refused unread.</summary>
    public const string RemoteSize = "remote-size";

    /// <summary>A correctly signed remote value does not hold an entry for this script and environment.</summary>
    public const string RemoteEntry = "remote-entry";
}
