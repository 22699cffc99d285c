using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// <c>fleet</c>: eight hosts at eight paths start cold together, first each on its own, then sharing one
/// redis-server; then, in this process, what one fetch costs as a compile, a local hit and a remote hit.
/// Prints a Markdown table.
/// </summary>
internal sealed class FleetHarness
{
    private const int Hosts = 8;
    private const int Scripts = 6;
    private const int Samples = 20;
    private const string Key = "benchmark-signing-key-0123456789";

    private readonly string _work;
    private readonly string _dotnet;
    private readonly string _self;

    public FleetHarness(string work)
    {
        _work = work;
        _dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        _self = typeof(FleetHarness).Assembly.Location;
    }

    public async Task<int> RunAsync()
    {
        Directory.CreateDirectory(_work);
        using var redis = StartRedis(out var url);
        var (independentWall, independentCompiles, _) = RunFleet("independent", null);
        var (fleetWall, fleetCompiles, fleetFailures) = RunFleet("fleet", url);
        var (compile, local, remote) = await MeasureFetchesAsync(url).ConfigureAwait(false);

        var table = string.Create(CultureInfo.InvariantCulture, $"""
            | measure | value |
            |---|---|
            | 8 hosts × {Scripts} scripts, each on its own: compiles | {independentCompiles} |
            | 8 hosts × {Scripts} scripts, one Redis: compiles | {fleetCompiles} (remote failures: {fleetFailures}) |
            | wall time, 8 cold hosts on their own | {independentWall.TotalSeconds:0.00} s |
            | wall time, 8 cold hosts sharing one Redis | {fleetWall.TotalSeconds:0.00} s |
            | one fetch: compile (warm compiler, median of {Samples}) | {compile:0.00} ms |
            | one fetch: local hit (median of {Samples}) | {local:0.00} ms |
            | one fetch: remote hit, with backfill (median of {Samples}) | {remote:0.00} ms |
            | remote hit / local hit | {remote / local:0.0}× (goal ≤ 3×) |
            | remote hit / compile | {remote / compile:0.000}× (goal ≤ 0.1×) |
            """);
        Console.WriteLine(table);
        return 0;
    }

    private (TimeSpan Wall, int Compiles, int Failures) RunFleet(string name, string? url)
    {
        var processes = new List<Process>();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < Hosts; i++)
        {
            var app = WriteApp(Path.Join(_work, name, $"host{i}", "app"), variant: 0);
            var info = new ProcessStartInfo(_dotnet) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in (string[])[_self, "fleet-host", Path.Join(_work, name, $"host{i}", "cache"), app])
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment[ScriptCache.BaseDirectoryVariable] = app;
            if (url is not null)
            {
                info.Environment[ScriptCache.RemoteVariable] = url;
                info.Environment[ScriptCache.RemoteKeyVariable] = Key;
            }

            processes.Add(Process.Start(info)!);
        }

        var compiles = 0;
        var failures = 0;
        foreach (var process in processes)
        {
            var words = process.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.TrimEntries);
            process.WaitForExit();
            compiles += int.Parse(words[1], CultureInfo.InvariantCulture);
            failures += int.Parse(words[5], CultureInfo.InvariantCulture);
            process.Dispose();
        }

        return (Stopwatch.GetElapsedTime(start), compiles, failures);
    }

    private async Task<(double Compile, double Local, double Remote)> MeasureFetchesAsync(string url)
    {
        // A warm process: the compiler, the loader and the client have run once before anything is timed.
        var warmup = WriteApp(Path.Join(_work, "warmup", "app"), variant: 99);
        await FetchAllAsync(Options("warmup", warmup, url)).ConfigureAwait(false);

        var writer = WriteApp(Path.Join(_work, "writer", "app"), variant: 1, count: Samples);
        var compile = await FetchAllAsync(Options("writer", writer, url)).ConfigureAwait(false);
        var local = await FetchAllAsync(Options("writer", writer, url)).ConfigureAwait(false);
        var reader = WriteApp(Path.Join(_work, "reader", "app"), variant: 1, count: Samples);
        var remote = await FetchAllAsync(Options("reader", reader, url)).ConfigureAwait(false);
        return (Median(compile), Median(local), Median(remote));
    }

    private ScriptCacheOptions Options(string name, string app, string url) => new()
    {
        CacheDirectory = Path.Join(_work, name, "cache"),
        Fleet = { BaseDirectory = app, Remote = url, RemoteKey = Key },
    };

    private static async Task<List<double>> FetchAllAsync(ScriptCacheOptions options)
    {
        var times = new List<double>();
        foreach (var path in Directory.GetFiles(options.Fleet.BaseDirectory!, "*.csx").Order(StringComparer.Ordinal))
        {
            var start = Stopwatch.GetTimestamp();
            using var script = ScriptCache.Load(path, options);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            await script.RunAsync().ConfigureAwait(false);
        }

        return times;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>Scripts of a plugin's size, each #loading a shared helper; <paramref name="variant"/> makes their content distinct.</summary>
    private static string WriteApp(string app, int variant, int count = Scripts)
    {
        Directory.CreateDirectory(Path.Join(app, "lib"));
        File.WriteAllText(Path.Join(app, "lib", "shared.csx"), "record Item(string Name, int Size);\nstatic int Total(IEnumerable<Item> items) => items.Sum(i => i.Size);\n");
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Join(app, $"script{i:00}.csx"), string.Create(CultureInfo.InvariantCulture, $$"""
                #load "lib/shared.csx"
                using System.Text.Json;
                var items = Enumerable.Range(0, {{10 + i}}).Select(n => new Item($"item{n}-{{variant}}", n * {{i + 1}})).ToList();
                var json = JsonSerializer.Serialize(items.Where(x => x.Size % 2 == 0).OrderByDescending(x => x.Size));
                return Total(items) + json.Length;
                """));
        }

        return app;
    }

    private static RedisProcess StartRedis(out string url)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var info = new ProcessStartInfo("/usr/bin/redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in (string[])["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        for (var attempt = 0; attempt < 500; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException)
            {
                Thread.Sleep(10);
            }
        }

        url = string.Create(CultureInfo.InvariantCulture, $"redis://127.0.0.1:{port}");
        return new RedisProcess(process);
    }

    /// <summary>The server, killed when the benchmark is done.</summary>
    private sealed class RedisProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
    }
}
