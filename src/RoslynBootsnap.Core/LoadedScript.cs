using System.Reflection;
using RoslynBootsnap.Loading;

namespace RoslynBootsnap;

/// <summary>
/// A compiled script loaded into its own collectible load context, ready to run and to unload.
/// </summary>
public sealed class LoadedScript : IDisposable
{
    private readonly Type? _globalsType;
    private readonly object _unloadGate = new();
    private ScriptLoadContext? _context;
    private Assembly? _assembly;
    private MethodInfo? _factory;
    private ScriptUnload? _unload;

    internal LoadedScript(string path, ScriptLoadContext context, Assembly assembly, MethodInfo factory, Type? globalsType)
    {
        Path = path;
        _context = context;
        _assembly = assembly;
        _factory = factory;
        _globalsType = globalsType;
    }

    /// <summary>The full path of the script.</summary>
    public string Path { get; }

    /// <summary>The script's compiled assembly.</summary>
    /// <exception cref="ObjectDisposedException">The script was unloaded.</exception>
    public Assembly Assembly => _assembly ?? throw new ObjectDisposedException(nameof(LoadedScript), $"The script '{Path}' was unloaded.");

    /// <summary>Whether <see cref="Unload"/> has been called.</summary>
    public bool IsUnloaded => _context is null;

    /// <summary>
    /// Runs the script from the top and returns the value of its final expression, converted to the
    /// configured return type, or <see langword="null"/> when it has none. Each call is a fresh run. While it
    /// runs, <see cref="System.Runtime.Loader.AssemblyLoadContext.CurrentContextualReflectionContext"/> is the
    /// script's context.
    /// </summary>
    /// <param name="globals">The globals object, an instance of <see cref="ScriptCacheOptions.GlobalsType"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the script; a script cannot be interrupted mid-run.</param>
    /// <exception cref="ArgumentException"><paramref name="globals"/> is not of the globals type.</exception>
    /// <exception cref="ObjectDisposedException">The script was unloaded.</exception>
    public async Task<object?> RunAsync(object? globals = null, CancellationToken cancellationToken = default)
    {
        var factory = _factory ?? throw new ObjectDisposedException(nameof(LoadedScript), $"The script '{Path}' was unloaded.");
        var context = _context;
        CheckGlobals(globals);
        cancellationToken.ThrowIfCancellationRequested();
        Diagnostics.CacheTelemetry.Tick();

        // While the script runs, Type.GetType and Assembly.Load in its code resolve through its own context, so
        // they find its private assemblies; the caller's contextual context comes back when the run ends.
        using var reflection = context?.EnterContextualReflection();

        // The submission array: slot 0 holds the globals, slot 1 the submission itself once constructed.
        var submissionArray = new object?[] { globals, null };
        var task = (Task)factory.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, [submissionArray], culture: null)!;
        await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return task switch
        {
            Task<object?> typed => typed.Result,
            _ => task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task),
        };
    }

    /// <summary>
    /// Unloads the script's context. The memory is reclaimed once nothing references the script's types
    /// or objects any more; the script itself can prevent that (see <see cref="ScriptUnload"/>). Calling it
    /// twice is harmless and returns the same handle.
    /// </summary>
    /// <returns>A handle that tells whether the context has really been collected.</returns>
    public ScriptUnload Unload()
    {
        lock (_unloadGate)
        {
            if (_unload is not null)
            {
                return _unload;
            }

            var context = _context;
            _context = null;
            _assembly = null;
            _factory = null;
            _unload = new ScriptUnload(Path, context);
            context?.Unload();
            return _unload;
        }
    }

    /// <summary>Unloads the script; see <see cref="Unload"/>.</summary>
    public void Dispose() => Unload();

    private void CheckGlobals(object? globals)
    {
        if (_globalsType is null)
        {
            if (globals is not null)
            {
                throw new ArgumentException($"The script '{Path}' was compiled without a globals type; pass no globals.", nameof(globals));
            }

            return;
        }

        if (globals is null)
        {
            throw new ArgumentException($"The script '{Path}' needs a globals object of type '{_globalsType}'.", nameof(globals));
        }

        if (!_globalsType.IsInstanceOfType(globals))
        {
            throw new ArgumentException(
                $"The script '{Path}' needs globals of type '{_globalsType}', not '{globals.GetType()}'.",
                nameof(globals));
        }
    }
}
