using System.Reflection;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>
/// No state of the shipped assemblies is bound to a thread or an async flow: what a call needs (a request's
/// warnings, the hold on an entry's gate) travels with the call, so a compile on another thread, a continuation
/// or a nested call cannot read or lose another's.
/// </summary>
public sealed class ThreadBoundStateTests
{
    private const BindingFlags AllDeclared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    private static readonly Assembly[] Shipped =
    [
        typeof(ScriptCache).Assembly,
        typeof(global::RoslynBootsnap.Compiling.RoslynScriptCompiler).Assembly,
        typeof(global::RoslynBootsnap.Compiling.Packages.PackageReferenceScheme).Assembly,
        typeof(RemoteCacheStatistics).Assembly,
        typeof(global::RoslynBootsnap.Cli.ExitCodes).Assembly,
    ];

    [TestCaseSource(nameof(Shipped))]
    public void Fields_InShippedAssembly_NoneBoundToThreadOrFlow(Assembly assembly) =>
        Assert.That(ThreadBoundFields(assembly.GetTypes()), Is.Empty);

    [Test]
    public void ThreadBoundFields_EachKind_Named()
    {
        var found = ThreadBoundFields([typeof(Planted)]);

        Assert.That(found, Is.EquivalentTo(new[]
        {
            $"{typeof(Planted).FullName}.ThreadStatic",
            $"{typeof(Planted).FullName}.PerThread",
            $"{typeof(Planted).FullName}.PerFlow",
        }));
    }

    /// <summary>Every field marked <see cref="ThreadStaticAttribute"/> or holding a thread-local or async-local value.</summary>
    private static List<string> ThreadBoundFields(IEnumerable<Type> types) =>
        types
            .SelectMany(t => t.GetFields(AllDeclared))
            .Where(f => f.IsDefined(typeof(ThreadStaticAttribute), inherit: false) || IsThreadBound(f.FieldType))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToList();

    private static bool IsThreadBound(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
        && (definition == typeof(ThreadLocal<>) || definition == typeof(AsyncLocal<>));

#pragma warning disable CS0169, CS0649, IDE0044, IDE0051, S1144, S2223 // Never used: only looked at.
    private sealed class Planted
    {
        [ThreadStatic]
        private static int ThreadStatic;

        private static readonly ThreadLocal<int> PerThread = new();

        private readonly AsyncLocal<string> PerFlow = new();

        private readonly int Plain;
    }
#pragma warning restore CS0169, CS0649, IDE0044, IDE0051, S1144, S2223
}
