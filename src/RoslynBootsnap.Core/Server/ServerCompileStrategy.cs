using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Server;

/// <summary>
/// Has the compile server write a miss's entry and loads it as a hit would, so this process never loads the
/// compiler; any failure of the server is an event naming the reason, and the miss compiles in process.
/// </summary>
internal sealed class ServerCompileStrategy : ICompileStrategy
{
    private readonly IOutOfProcessCompiler _server;

    public ServerCompileStrategy(IOutOfProcessCompiler server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _server = server;
    }

    public TOutput Compile<TOutput>(CompileMiss<TOutput> miss, CancellationToken cancellationToken)
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(miss);
        var reason = _server.Compile(miss.Path, cancellationToken, out var failure);
        if (reason is null)
        {
            if (miss.TryServeWritten(out var served))
            {
                return served;
            }

            reason = CacheSteps.ServerNoEntry;
        }

        miss.Raise(new CacheEvent(CacheEventKind.ServerFallback, miss.Path, reason, failure));
        return miss.CompileInProcess(cancellationToken);
    }
}
