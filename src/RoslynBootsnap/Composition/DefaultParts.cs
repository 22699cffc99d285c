using RoslynBootsnap.Caching.Remote;
using RoslynBootsnap.Compiling;

namespace RoslynBootsnap.Composition;

/// <summary>
/// The parts this assembly adds to the core: Roslyn (with NuGet package references) as the compiler, and Redis
/// as the remote store. The core finds this type by name (see <see cref="ScriptParts"/>) on its first miss.
/// </summary>
internal sealed class DefaultParts : IScriptParts
{
    public IScriptCompiler Compiler { get; } = new RoslynScriptCompiler();

    public IRemoteStore OpenRemote(string connection) => RedisRemoteStore.For(connection);
}
