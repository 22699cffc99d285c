namespace RoslynBootsnap.Server;

/// <summary>The first byte of each message between a client and its server.</summary>
internal enum ServerMessage : byte
{
    /// <summary>Client: compile a script (a <see cref="CompileRequest"/> follows).</summary>
    Compile = 1,

    /// <summary>Client: report status.</summary>
    Status = 2,

    /// <summary>Client: exit.</summary>
    Stop = 3,

    /// <summary>Server: the script was compiled and its entry is current (or could not be written: a bool says).</summary>
    Compiled = 10,

    /// <summary>Server: the script has compile errors; the path and diagnostics follow.</summary>
    CompileErrors = 11,

    /// <summary>Server: the request failed for another reason, named in a string.</summary>
    Failed = 12,

    /// <summary>Server: the client is of another version; the server's version follows.</summary>
    OtherVersion = 13,

    /// <summary>Server: the peer is another user.</summary>
    Refused = 14,

    /// <summary>Server: its status follows.</summary>
    StatusReport = 15,

    /// <summary>Server: exiting.</summary>
    Stopping = 16,

    /// <summary>Server: the peer is in other groups, so it must compile itself what it can read.</summary>
    OtherGroups = 17,

    /// <summary>Server: it compiles with another compiler than the client's, whose entries the client would find stale.</summary>
    OtherCompiler = 18,

    /// <summary>
    /// Server: a package of the script could not be resolved, the script's own error; the path, package id,
    /// version, failure and message follow.
    /// </summary>
    PackageFailed = 19,
}
