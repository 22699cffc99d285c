namespace RoslynBootsnap;

/// <summary>What a running compile server says about itself.</summary>
/// <param name="ProcessId">The server's process id.</param>
/// <param name="Version">The tool and runtime version it serves; only clients of the same one talk to it.</param>
/// <param name="Uptime">How long it has run.</param>
/// <param name="Requests">The compile requests it has answered.</param>
/// <param name="Compiles">The scripts it has compiled: one per entry, however many clients asked at once.</param>
/// <param name="Refused">The connections it refused because they came from another user.</param>
/// <param name="InFlight">The compile requests it is compiling now, having read them whole.</param>
/// <param name="WorkingSet">Its resident memory, in bytes.</param>
public sealed record CompileServerStatus(
    int ProcessId,
    string Version,
    TimeSpan Uptime,
    long Requests,
    long Compiles,
    long Refused,
    int InFlight,
    long WorkingSet);
