using System.Reflection;

namespace RoslynBootsnap.StartupHarness;

/// <summary>Runs an emitted script assembly the way Roslyn's scripting API does: through its factory.</summary>
internal static class ScriptRun
{
    public const string ScriptClassName = "Submission#0";

    public const string FactoryName = "<Factory>";

    /// <summary>Invokes the factory with the submission array (slot 0: globals) and awaits the script.</summary>
    public static async Task<object?> InvokeAsync(Assembly assembly, object? globals)
    {
        var factory = assembly.GetType(ScriptClassName, throwOnError: true)!
            .GetMethod(FactoryName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        var task = (Task<object>)factory.Invoke(null, [new object?[] { globals, null }])!;
        return await task.ConfigureAwait(false);
    }
}
