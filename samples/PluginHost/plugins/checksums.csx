// Fingerprints the data files with SHA-256, as an integrity check would.
using System.Security.Cryptography;

sealed class ChecksumsPlugin : IPlugin
{
    public string Name => "checksums";

    public string Run(PluginContext context)
    {
        var files = Directory.GetFiles(context.DataDirectory).Order(StringComparer.Ordinal);
        var sums = files.Select(f =>
        {
            using var stream = File.OpenRead(f);
            return $"{Path.GetFileName(f)}={Convert.ToHexStringLower(SHA256.HashData(stream))[..12]}";
        });
        return string.Join(" ", sums);
    }
}

new ChecksumsPlugin()
