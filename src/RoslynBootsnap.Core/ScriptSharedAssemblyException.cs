namespace RoslynBootsnap;

/// <summary>
/// An assembly the host shares with its scripts (the globals type's, one of <see cref="ScriptCacheOptions.References"/>,
/// or one named in <see cref="ScriptCacheOptions.SharedAssemblies"/>) is older in the host than the version the script
/// was compiled against. The script is not run: it would fail later, at the first member the host's copy lacks.
/// </summary>
public sealed class ScriptSharedAssemblyException : Exception
{
    /// <summary>Creates the exception for a shared assembly the host has in too old a version.</summary>
    /// <param name="path">The script.</param>
    /// <param name="assemblyName">The shared assembly's simple name.</param>
    /// <param name="hostVersion">The version the host has.</param>
    /// <param name="compiledVersion">The version the script was compiled against.</param>
    public ScriptSharedAssemblyException(string path, string assemblyName, Version hostVersion, Version compiledVersion)
        : base($"The script '{path}' was compiled against {assemblyName} {compiledVersion}, which the host shares with it, but the host has {hostVersion}.")
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(assemblyName);
        ArgumentNullException.ThrowIfNull(hostVersion);
        ArgumentNullException.ThrowIfNull(compiledVersion);
        Path = path;
        AssemblyName = assemblyName;
        HostVersion = hostVersion;
        CompiledVersion = compiledVersion;
    }

    /// <summary>The script.</summary>
    public string Path { get; }

    /// <summary>The shared assembly's simple name.</summary>
    public string AssemblyName { get; }

    /// <summary>The version of the assembly the host has.</summary>
    public Version HostVersion { get; }

    /// <summary>The version the script was compiled against, later than <see cref="HostVersion"/>.</summary>
    public Version CompiledVersion { get; }
}
