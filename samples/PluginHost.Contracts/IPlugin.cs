namespace PluginHost.Contracts;

/// <summary>
/// What every plugin script implements. The host and the scripts share this one assembly, loaded once in
/// the host's context, so a script's object can be cast to it across the load-context boundary.
/// </summary>
public interface IPlugin
{
    /// <summary>A short name for the host's output.</summary>
    string Name { get; }

    /// <summary>Does the plugin's work and returns one line about it.</summary>
    string Run(PluginContext context);
}
