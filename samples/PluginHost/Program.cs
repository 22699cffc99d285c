// A plugin host: loads every plugins/*.csx through the compile cache at startup, shows what the cache did
// for each and how long startup took, and with --watch reloads a plugin whenever its file changes.
//
//   PluginHost [--watch] [--plugins DIR] [--cache-dir DIR]
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PluginHost;

var watch = args.Contains("--watch");
var pluginDirectory = OptionValue("--plugins")
    ?? typeof(PluginManager).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginDirectory").Value!;
var cacheDirectory = OptionValue("--cache-dir");

var clock = Stopwatch.StartNew();
using var services = new ServiceCollection().AddPluginHost(pluginDirectory, cacheDirectory).BuildServiceProvider();
var manager = services.GetRequiredService<PluginManager>();
Console.WriteLine($"plugins: {manager.PluginDirectory}");
var reports = await manager.LoadAllAsync();
var startup = clock.Elapsed;
foreach (var report in reports)
{
    Print(report);
}

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"startup: {reports.Count(r => r.Succeeded)} of {reports.Count} plugins in {startup.TotalMilliseconds:F1} ms"));
if (!watch)
{
    return reports.All(r => r.Succeeded) ? 0 : 1;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

using var watcher = new PluginWatcher(manager.PluginDirectory, TimeSpan.FromMilliseconds(300), async changed =>
{
    foreach (var report in await manager.ApplyChangesAsync(changed))
    {
        Print(report);
        if (report.OldContextCollected is true)
        {
            Console.WriteLine($"  old context of {report.Name ?? Path.GetFileNameWithoutExtension(report.Path)} collected");
        }
    }
});
Console.WriteLine("watching for changes; edit a plugin and save it (Ctrl+C to stop)");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C: leave quietly.
}

return 0;

string? OptionValue(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static void Print(PluginLoadReport report)
{
    var name = report.Name ?? Path.GetFileNameWithoutExtension(report.Path);
    if (report.Error is not null)
    {
        Console.WriteLine($"{name,-12} {report.Outcome,-8} failed{(report.Name is null ? "" : ", keeping the running version")}:");
        foreach (var line in report.Error.Split('\n'))
        {
            Console.WriteLine($"  {line.TrimEnd('\r')}");
        }

        return;
    }

    if (report.Outcome == "removed")
    {
        Console.WriteLine($"{name,-12} removed");
        return;
    }

    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-12} {report.Outcome,-8} {report.Elapsed.TotalMilliseconds,8:F1} ms  {report.Output}"));
}
