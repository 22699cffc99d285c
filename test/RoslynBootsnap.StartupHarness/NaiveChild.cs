using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using RoslynBootsnap.Compiling;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// What a host does without a cache: <see cref="CSharpScript"/> compiles and runs every script in process, on
/// every start. The same default imports as ours (and the assemblies they need), so the same scripts compile.
/// </summary>
internal static class NaiveChild
{
    private static readonly ScriptOptions Options = ScriptOptions.Default
        .AddReferences(typeof(System.Dynamic.ExpandoObject).Assembly, typeof(HttpClient).Assembly, typeof(System.Linq.Expressions.Expression).Assembly)
        .WithImports(CompileSettings.DefaultImports);

    /// <summary><c>naive &lt;script or dir&gt;</c>: compiles and runs each script, keeping every state alive as a host would.</summary>
    public static async Task<int> RunAsync(string target)
    {
        var states = new List<ScriptState<object>>();
        foreach (var path in Scripts(target))
        {
            states.Add(await CSharpScript.RunAsync(await File.ReadAllTextAsync(path).ConfigureAwait(false), Options.WithFilePath(path)).ConfigureAwait(false));
        }

        return states.Count == 1 && states[0].ReturnValue is int code ? code : 0;
    }

    /// <summary>
    /// <c>naive-compile &lt;dir&gt;</c>: compiles and emits each script with a fresh <see cref="CSharpScript"/>, one
    /// after another: the sequential baseline for <c>precompile</c>.
    /// </summary>
    public static int Compile(string directory)
    {
        foreach (var path in Scripts(directory))
        {
            var script = CSharpScript.Create(File.ReadAllText(path), Options.WithFilePath(path));
            using var image = new MemoryStream();
            if (!script.GetCompilation().Emit(image).Success)
            {
                return 1;
            }
        }

        return 0;
    }

    public static IEnumerable<string> Scripts(string target) =>
        Directory.Exists(target) ? Directory.GetFiles(target, "*.csx").Order(StringComparer.Ordinal) : [target];
}
