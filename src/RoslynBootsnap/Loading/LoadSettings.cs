namespace RoslynBootsnap.Loading;

/// <summary>What the loader needs to know besides the image: where private references live and the globals type.</summary>
internal sealed class LoadSettings
{
    public LoadSettings(IReadOnlyDictionary<string, string> privateReferences, Type? globalsType)
    {
        PrivateReferences = privateReferences;
        GlobalsType = globalsType;
    }

    /// <summary>Simple assembly name to file path, for references the host does not have.</summary>
    public IReadOnlyDictionary<string, string> PrivateReferences { get; }

    public Type? GlobalsType { get; }
}
