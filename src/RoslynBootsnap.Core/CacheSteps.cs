namespace RoslynBootsnap;

/// <summary>
/// The steps a <see cref="CacheEvent.Step"/> or a <see cref="ScriptSourceException.Step"/> names: what did not
/// match when an entry is <c>stale</c>, which write failed when it is <c>write-failed</c>, and which read of a
/// script failed. Compare against these rather than against literals.
/// </summary>
public static partial class CacheSteps
{
    /// <summary>The entry was written under another schema, platform, set of compile options or runtime.</summary>
    public const string Environment = "environment";

    /// <summary>The script's size differs from the one the entry was compiled from.</summary>
    public const string SourceSize = "source-size";

    /// <summary>The script's content differs from the one the entry was compiled from.</summary>
    public const string SourceContent = "source-content";

    /// <summary>The entry was compiled from another script (a hash collision, or an entry copied over).</summary>
    public const string SourcePath = "source-path";

    /// <summary>A <c>#load</c> file or an assembly the entry was compiled against changed, moved or went away.</summary>
    public const string Dependency = "dependency";

    /// <summary>
    /// The entry was compiled by another compiler than this host's (another build of RoslynBootsnap.Compiler or
    /// Roslyn). A host with no compiler serves such an entry; one with a compiler compiles the script again.
    /// </summary>
    public const string Compiler = "compiler";

    /// <summary>A floating package version was served for the refresh interval and is resolved again.</summary>
    public const string RefreshPackages = "refresh-packages";

    /// <summary>The entry's data size does not match the file: truncated, or bytes appended.</summary>
    public const string DataSize = "data-size";

    /// <summary>The entry's payload checksum does not match its data.</summary>
    public const string Checksum = "checksum";

    /// <summary>The entry's manifest does not match its header's digest, or cannot be parsed.</summary>
    public const string Manifest = "manifest";

    /// <summary>The entry is shorter than a header.</summary>
    public const string ReadHeader = "read-header";

    /// <summary>The entry could not be opened (permission denied, not a regular file, ...).</summary>
    public const string OpenEntry = "open-entry";

    /// <summary>The entry opened but could not be read.</summary>
    public const string ReadEntry = "read-entry";

    /// <summary>The entry is whole but its image cannot be loaded in this process.</summary>
    public const string LoadEntry = "load-entry";

    /// <summary>The entry or its directory is owned by a user who is neither the current user, root nor trusted.</summary>
    public const string UntrustedOwner = "untrusted-owner";

    /// <summary>The entry or its directory is writable by group or others.</summary>
    public const string UntrustedMode = "untrusted-mode";

    /// <summary>The entry or its directory is a symbolic link.</summary>
    public const string UntrustedLink = "untrusted-link";

    /// <summary>Creating the cache dir, a namespace or a shard failed.</summary>
    public const string Mkdir = "mkdir";

    /// <summary>Creating the temp file an entry is written to failed.</summary>
    public const string CreateTemp = "create-temp";

    /// <summary>Writing the entry's bytes failed (a full disk, a file size limit).</summary>
    public const string Write = "write";

    /// <summary>Flushing the entry's bytes failed.</summary>
    public const string Flush = "flush";

    /// <summary>Renaming the finished temp file over the entry failed.</summary>
    public const string Rename = "rename";

    /// <summary>Removing an entry or a temp file failed.</summary>
    public const string Unlink = "unlink";

    /// <summary>The script could not be opened.</summary>
    public const string OpenSource = "open-source";

    /// <summary>The script's size and time could not be read.</summary>
    public const string StatSource = "stat-source";

    /// <summary>The script opened but could not be read.</summary>
    public const string ReadSource = "read-source";

    /// <summary>The script is not UTF-8 text.</summary>
    public const string DecodeSource = "decode-source";

    /// <summary>A reference named in the options could not be opened.</summary>
    public const string OpenReference = "open-reference";

    /// <summary>No compile server was listening: one was started for later misses, and this one compiled in process.</summary>
    public const string ServerNotRunning = "server-not-running";

    /// <summary>A socket file was left by a server that is gone: a new server was started, and this miss compiled in process.</summary>
    public const string ServerStaleSocket = "server-stale-socket";

    /// <summary>The compile server's socket could not be reached (permission denied, say).</summary>
    public const string ServerUnreachable = "server-unreachable";

    /// <summary>The compile server is of another version of the tool or the runtime.</summary>
    public const string ServerOtherVersion = "server-other-version";

    /// <summary>
    /// The compile server compiles with another compiler than this process (another build of the compiler part or
    /// of Roslyn): its entries would be stale here, so this process compiles in process.
    /// </summary>
    public const string ServerOtherCompiler = "server-other-compiler";

    /// <summary>The compile server refused the connection, or it runs as another user.</summary>
    public const string ServerRefused = "server-refused";

    /// <summary>
    /// The compile server runs in other groups than this process: it would read the script and its loads with
    /// rights this process may not have, so this process compiles what it can read itself.
    /// </summary>
    public const string ServerOtherGroups = "server-other-groups";

    /// <summary>The compile server closed the connection before it answered: it crashed or was stopped mid-compile.</summary>
    public const string ServerCrashed = "server-crashed";

    /// <summary>The compile server did not answer in time.</summary>
    public const string ServerTimeout = "server-timeout";

    /// <summary>The compile server could not compile the script for a reason other than its errors.</summary>
    public const string ServerFailed = "server-failed";

    /// <summary>The compile server answered, but left no entry this process can use.</summary>
    public const string ServerNoEntry = "server-no-entry";

    /// <summary>
    /// The compile server's socket dir is not private to this user (a symbolic link, another user's, or writable by
    /// group or others): no server is started or spoken to there, and the miss compiled in process.
    /// </summary>
    public const string ServerUntrustedDirectory = "server-untrusted-directory";

    /// <summary>A lock file could not be opened or locked.</summary>
    public const string Lock = "lock";
}
