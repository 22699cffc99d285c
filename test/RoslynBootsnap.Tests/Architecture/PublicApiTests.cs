using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>
/// The public surface names no Roslyn type: a host compiles against it without the compiler, and a type
/// it names on its load path loads no compiler assembly.
/// </summary>
public sealed class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [TestCase(typeof(ScriptCache))]
    [TestCase(typeof(global::RoslynBootsnap.Cli.ExitCodes))]
    [TestCase(typeof(Microsoft.Extensions.DependencyInjection.ScriptCacheServiceCollectionExtensions))]
    public void PublicSurface_OfEachAssembly_NamesNoRoslynType(Type inAssembly)
    {
        var exported = inAssembly.Assembly.GetExportedTypes();

        Assert.That(exported.SelectMany(RoslynTypesNamedBy), Is.Empty);
    }

    [Test]
    public void PublicSurface_OfTheLibrary_IsSeen() =>
        Assert.That(typeof(ScriptCache).Assembly.GetExportedTypes(), Has.Member(typeof(ScriptCompilationException)));

    [Test]
    public void RoslynTypesNamedBy_TypeExposingRoslyn_NamesEachUse() =>
        Assert.That(
            RoslynTypesNamedBy(typeof(ExposesRoslyn)),
            Is.EquivalentTo(new[]
            {
                "ExposesRoslyn.Diagnostics: Microsoft.CodeAnalysis.Diagnostic",
                "ExposesRoslyn.Options(Microsoft.CodeAnalysis.OutputKind): Microsoft.CodeAnalysis.OutputKind",
                "ExposesRoslyn.Tree: Microsoft.CodeAnalysis.SyntaxTree",
                "ExposesRoslyn: Microsoft.CodeAnalysis.Location",
            }));

    /// <summary>Each use of a Roslyn type in the type's visible signatures, as <c>Type.Member: Roslyn type</c>.</summary>
    private static IEnumerable<string> RoslynTypesNamedBy(Type type)
    {
        var uses = new List<(string Where, Type Named)>();
        uses.AddRange(Named(type.BaseType).Select(t => (type.Name, t)));
        uses.AddRange(type.GetInterfaces().SelectMany(Named).Select(t => (type.Name, t)));
        uses.AddRange(type.GetGenericArguments().SelectMany(Named).Select(t => (type.Name, t)));
        // Accessors are checked through their property or event.
        var accessors = type.GetProperties(Declared).SelectMany(p => p.GetAccessors(nonPublic: true))
            .Concat(type.GetEvents(Declared).SelectMany(e => new[] { e.AddMethod, e.RemoveMethod, e.RaiseMethod }))
            .ToHashSet();
        foreach (var member in type.GetMembers(Declared).Where(m => IsVisible(m) && !accessors.Contains(m)))
        {
            var where = $"{type.Name}.{member.Name}";
            var named = member switch
            {
                FieldInfo field => Named(field.FieldType),
                PropertyInfo property => Named(property.PropertyType).Concat(Parameters(property.GetIndexParameters())),
                EventInfo @event => Named(@event.EventHandlerType),
                MethodBase method => Parameters(method.GetParameters())
                    .Concat(method is MethodInfo m ? Named(m.ReturnType) : [])
                    .Concat(method.IsGenericMethodDefinition ? method.GetGenericArguments().SelectMany(Named) : []),
                _ => [],
            };
            if (member is MethodBase { IsSpecialName: false } overload && overload.GetParameters().Length > 0)
            {
                where += $"({string.Join(", ", overload.GetParameters().Select(p => p.ParameterType.FullName))})";
            }

            uses.AddRange(named.Select(t => (where, t)));
        }

        return uses
            .Where(u => u.Named.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Select(u => $"{u.Where}: {u.Named.FullName}")
            .Distinct();
    }

    private static IEnumerable<Type> Parameters(ParameterInfo[] parameters) => parameters.SelectMany(p => Named(p.ParameterType));

    /// <summary>The type and every type it is built from: elements, generic arguments, constraints.</summary>
    private static IEnumerable<Type> Named(Type? type)
    {
        if (type is null)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var inner in Named(type.GetElementType()))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            foreach (var inner in type.GetGenericParameterConstraints().SelectMany(Named))
            {
                yield return inner;
            }

            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsConstructedGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Named))
            {
                yield return inner;
            }
        }
    }

    /// <summary>Public members, and protected ones that a derived type outside the assembly sees.</summary>
    private static bool IsVisible(MemberInfo member) => member switch
    {
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisible),
        EventInfo @event => @event.AddMethod is { } add && IsVisible(add),
        _ => false,
    };

    /// <summary>Names Roslyn in a base type, a generic argument, a property, a parameter and a field.</summary>
    public class ExposesRoslyn : List<Location>
    {
        public ImmutableArray<Diagnostic> Diagnostics { get; } = [];

        public SyntaxTree? Tree;

        public static void Options(OutputKind kind) => _ = kind;

        internal static void Hidden(SyntaxTree tree) => _ = tree;
    }
}
