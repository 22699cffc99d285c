namespace PluginHost.Contracts;

/// <summary>What the host gives a plugin to work with.</summary>
public sealed class PluginContext
{
    public PluginContext(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        DataDirectory = dataDirectory;
    }

    /// <summary>The folder of data files the plugins read (<c>plugins/data</c>).</summary>
    public string DataDirectory { get; }
}
