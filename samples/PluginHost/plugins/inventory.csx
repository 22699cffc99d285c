// Reads a JSON document with System.Text.Json and reports what the warehouse holds.
using System.Text.Json;

sealed class InventoryPlugin : IPlugin
{
    public string Name => "inventory";

    public string Run(PluginContext context)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(context.DataDirectory, "inventory.json")));
        var root = document.RootElement;
        var items = root.GetProperty("items").EnumerateArray().ToList();
        var value = items.Sum(i => i.GetProperty("stock").GetInt32() * i.GetProperty("price").GetDecimal());
        var empty = items.Where(i => i.GetProperty("stock").GetInt32() == 0).Select(i => i.GetProperty("name").GetString());
        return $"{root.GetProperty("warehouse").GetString()}: {items.Count} items worth {value:F2}, out of stock: {string.Join(", ", empty)}";
    }
}

new InventoryPlugin()
