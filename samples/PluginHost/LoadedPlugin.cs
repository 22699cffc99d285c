using PluginHost.Contracts;
using RoslynBootsnap;

namespace PluginHost;

/// <summary>A running plugin: the script's collectible context and the <see cref="IPlugin"/> it returned.</summary>
public sealed class LoadedPlugin
{
    internal LoadedPlugin(string path, LoadedScript script, IPlugin plugin)
    {
        Path = path;
        Script = script;
        Plugin = plugin;
    }

    public string Path { get; }

    public IPlugin Plugin { get; }

    internal LoadedScript Script { get; }
}
