namespace RoslynBootsnap;

/// <summary>
/// What an option is to the engine, declared once on the option itself (<see cref="OptionAttribute"/>): the
/// fingerprint, the compile request and the tests that hold them to it read this, not a list of their own.
/// </summary>
[Flags]
internal enum OptionUse
{
    /// <summary>Used by this process only: neither keyed nor sent to the compile server.</summary>
    Local = 0,

    /// <summary>A compile input: part of the entry's key, so a change of it recompiles.</summary>
    Key = 1,

    /// <summary>Carried to the compile server, which must build the same entry the client then reads.</summary>
    Sent = 2,

    /// <summary>A path: made absolute before it is sent, as the server runs in <c>/</c>.</summary>
    Path = 4,

    /// <summary>A secret: never printed, whatever prints the options.</summary>
    Secret = 8,

    /// <summary>A connection string whose options may hold a password: only its address, before the first comma, is printed.</summary>
    Connection = 16,
}
