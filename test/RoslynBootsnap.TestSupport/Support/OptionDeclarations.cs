using System.Reflection;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// Every option of <see cref="ScriptCacheOptions"/> and its groups, with what its <see cref="OptionAttribute"/>
/// declares: what the tests hold the fingerprint and the compile request to.
/// </summary>
internal static class OptionDeclarations
{
    /// <summary>The properties that are no option but follow one, or are the record's own.</summary>
    private static readonly HashSet<string> Derived = new(StringComparer.Ordinal)
    {
        "EqualityContract",
        "IsFrozen",
        "HasLogger",
        "OwnerTrust",
    };

    /// <summary>The groups: properties that hold options of their own.</summary>
    private static readonly Type[] Groups = [typeof(PackageOptions), typeof(FleetOptions), typeof(TrustOptions)];

    /// <summary>Every option, named by its path (<c>Fleet.Remote</c>), and its declared use.</summary>
    public static List<Option> All()
    {
        var options = new List<Option>();
        foreach (var property in Properties(typeof(ScriptCacheOptions)))
        {
            if (Groups.Contains(property.PropertyType))
            {
                var group = property;
                foreach (var inner in Properties(property.PropertyType))
                {
                    options.Add(new Option(group.Name + "." + inner.Name, inner, Use(inner), o => group.GetValue(o)!));
                }
            }
            else
            {
                options.Add(new Option(property.Name, property, Use(property), o => o));
            }
        }

        return options;
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Where(p => !Derived.Contains(p.Name));

    private static OptionUse Use(PropertyInfo property) =>
        property.GetCustomAttribute<OptionAttribute>()?.Use
        ?? throw new AssertionException($"{property.DeclaringType!.Name}.{property.Name} declares no [Option(...)]: say whether it is keyed, sent to the compile server, a path or a secret.");

    /// <summary>One option: its path, its property, its declared use, and the object (the options or a group) that holds it.</summary>
    public sealed record Option(string Path, PropertyInfo Property, OptionUse Use, Func<ScriptCacheOptions, object> Holder)
    {
        public object? Get(ScriptCacheOptions options) => Property.GetValue(Holder(options));

        public void Set(ScriptCacheOptions options, object? value) => Property.SetValue(Holder(options), value);

        public bool Is(OptionUse use) => (Use & use) == use;

        public override string ToString() => Path;
    }
}
