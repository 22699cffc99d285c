using System.Collections;
using System.Collections.ObjectModel;
using System.CommandLine;
using System.Reflection;
using System.Runtime.CompilerServices;
using RoslynBootsnap.Cli;

namespace RoslynBootsnap.Tests.Cli;

/// <summary>
/// The command line keeps no state in statics: what a parse read travels in the request it makes, so one parse
/// cannot leak into the next (a test's, or a second root command's) and nothing reaches a command by a side door.
/// </summary>
public sealed class StaticStateTests
{
    private static IEnumerable<FieldInfo> StaticFields => typeof(Program).Assembly.GetTypes()
        .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute)) && !t.Name.StartsWith('<'))
        .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
        .Where(f => !f.IsDefined(typeof(CompilerGeneratedAttribute)) && !f.Name.StartsWith('<'));

    [Test]
    public void Cli_StaticFields_AllReadOnly()
    {
        var writable = StaticFields.Where(f => !f.IsInitOnly && !f.IsLiteral).Select(Describe);

        Assert.That(writable, Is.Empty);
    }

    [Test]
    public void Cli_StaticState_NoThreadStaticNorAsyncLocal()
    {
        var backChannels = StaticFields
            .Where(f => f.IsDefined(typeof(ThreadStaticAttribute))
                || (f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() is var d && (d == typeof(AsyncLocal<>) || d == typeof(ThreadLocal<>))))
            .Select(Describe);

        Assert.That(backChannels, Is.Empty);
    }

    [Test]
    public void Cli_StaticFields_HoldNoParserStateNorMutableCollection()
    {
        var mutable = StaticFields
            .Where(f => typeof(Symbol).IsAssignableFrom(f.FieldType)
                || f.FieldType.IsArray
                || (typeof(IEnumerable).IsAssignableFrom(f.FieldType) && f.FieldType != typeof(string) && !IsReadOnlyCollection(f.FieldType)))
            .Select(Describe);

        Assert.That(mutable, Is.Empty);
    }

    [Test]
    public void Cli_StaticProperties_HaveNoSetter()
    {
        var settable = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is not null)
            .Select(p => $"{p.DeclaringType}.{p.Name}");

        Assert.That(settable, Is.Empty);
    }

    private static bool IsReadOnlyCollection(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ReadOnlyCollection<>);

    private static string Describe(FieldInfo field) => $"{field.DeclaringType}.{field.Name} ({field.FieldType.Name})";
}
