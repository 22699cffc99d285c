namespace RoslynBootsnap.Caching;

/// <summary>Compiles a miss in this process, writes its entry and loads it: bootsnap's regeneration path.</summary>
internal sealed class InProcessCompileStrategy : ICompileStrategy
{
    public static InProcessCompileStrategy Instance { get; } = new();

    private InProcessCompileStrategy()
    {
    }

    public TOutput Compile<TOutput>(CompileMiss<TOutput> miss, CancellationToken cancellationToken)
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(miss);
        return miss.CompileInProcess(cancellationToken);
    }
}
