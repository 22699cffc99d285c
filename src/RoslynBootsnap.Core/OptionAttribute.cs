namespace RoslynBootsnap;

/// <summary>Declares what an option property is to the engine; see <see cref="OptionUse"/>.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
internal sealed class OptionAttribute(OptionUse use) : Attribute
{
    public OptionUse Use { get; } = use;
}
