using System.Globalization;
using System.Runtime.ExceptionServices;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Runs a compile on a thread of its own with a large stack. Roslyn's parser recurses once per nesting level,
/// and some of that recursion (its look-ahead for lambdas and tuples) has no guard: on the 1.5 to 8 MiB stack of
/// an ordinary thread, a few thousand nested parentheses end the process with a stack overflow, which no
/// handler can catch. The stack is only reserved; the pages a compile does not touch cost nothing.
/// </summary>
internal static class LargeStack
{
    /// <summary>The stack of a compile thread: 256 MiB, room for the deepest nesting the parser accepts.</summary>
    public const int Size = 256 * 1024 * 1024;

    /// <summary>Runs <paramref name="work"/> on a new thread and waits for it; what it throws is rethrown here as it was.</summary>
    public static T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var thread = new Thread(
            () =>
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // Everything is handed back to the caller's thread, which rethrows it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            Size)
        {
            IsBackground = true,
            Name = "roslyn-bootsnap compile",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
