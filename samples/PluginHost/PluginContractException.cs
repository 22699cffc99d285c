namespace PluginHost;

/// <summary>A plugin script compiled and ran but did not return an <c>IPlugin</c>.</summary>
public sealed class PluginContractException : InvalidOperationException
{
    public PluginContractException()
    {
    }

    public PluginContractException(string message)
        : base(message)
    {
    }

    public PluginContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
