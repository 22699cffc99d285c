using RoslynBootsnap.Caching.Remote;
using RoslynBootsnap.Compiling;

namespace RoslynBootsnap.Composition;

/// <summary>
/// What the core reaches through its seams and never names: the compiler, and the remote store behind a
/// connection string. Each external dependency (Roslyn, NuGet, Redis) lives behind one of these.
/// </summary>
internal interface IScriptParts
{
    /// <summary>The compiler for misses.</summary>
    IScriptCompiler Compiler { get; }

    /// <summary>The remote store a connection string names.</summary>
    /// <exception cref="RemoteStoreException">The connection string cannot be used.</exception>
    IRemoteStore OpenRemote(string connection);
}
