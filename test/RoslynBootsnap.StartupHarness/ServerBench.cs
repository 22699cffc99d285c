using System.Globalization;
using System.Text;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// The compile server, whole-process and side by side: <c>run</c> after an edit with the server warm, a warm hit,
/// the same edit compiled in process, <c>dotnet run app.cs</c> after the same edit, and the first miss with no
/// server running; then the server's resident memory over 1,000 distinct compiles. <c>--server</c> runs it alone.
/// </summary>
internal sealed class ServerBench(string repo, string work, string dotnet, int rounds)
{
    private const int Compiles = 1000;

    private readonly Measurements _measurements = new();
    private int _edit;

    private string Cli => Path.Join(work, "cli-r2r", "roslyn-bootsnap.dll");

    private string Scripts => Path.Join(work, "server-scripts");

    private string Runtime => Path.Join(work, "run");

    private string Cache => Path.Join(work, "server-cache");

    private Dictionary<string, string?> WithServer(string runtime, int idleSeconds = 600) => new()
    {
        ["ROSLYN_BOOTSNAP_NO_SERVER"] = null,
        ["XDG_RUNTIME_DIR"] = runtime,
        ["ROSLYN_BOOTSNAP_SERVER_IDLE_TIMEOUT"] = idleSeconds.ToString(CultureInfo.InvariantCulture),
    };

    public int Run()
    {
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(Scripts);
        Directory.CreateDirectory(Runtime);
        Publish();
        var edited = Path.Join(Scripts, "edited.csx");
        var inProcess = Path.Join(Scripts, "in-process.csx");
        var warm = Path.Join(Scripts, "warm.csx");
        var first = Path.Join(Scripts, "first.csx");
        var app = Path.Join(Scripts, "app", "app.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(app)!);
        foreach (var path in new[] { edited, inProcess, warm, first })
        {
            Edit(path);
        }

        Edit(app);
        ChildProcess.Run([dotnet, Cli, "run", warm, "--cache-dir", Cache]).EnsureSuccess("warm-up");
        ChildProcess.Run([dotnet, Cli, "run", edited, "--cache-dir", Cache], WithServer(Runtime)).EnsureSuccess("server start");
        Thread.Sleep(3000);

        HarnessCase[] cases =
        [
            new("hit", "`run`, warm cache (a hit)", () => [dotnet, Cli, "run", warm, "--cache-dir", Cache]),
            new("server-edit", "`run` after an edit, server warm", () => [dotnet, Cli, "run", edited, "--cache-dir", Cache], () => Edit(edited)),
            new("in-process-edit", "`run` after an edit, in process (`--no-server`)", () => [dotnet, Cli, "run", inProcess, "--cache-dir", Cache], () => Edit(inProcess)),
            new("first-miss", "first miss, no server running (starts one)", () => [dotnet, Cli, "run", first, "--cache-dir", Cache], () => FirstMiss(first)),
            new("dotnet-run", "`dotnet run app.cs` after the same edit", () => [dotnet, "run", app], () => Edit(app)),
        ];
        for (var round = 0; round <= rounds; round++)
        {
            Console.Error.WriteLine(round == 0 ? "server bench: warm-up round" : $"server bench: round {round} of {rounds}");
            foreach (var c in cases)
            {
                c.Prepare?.Invoke();
                var environment = c.Name is "server-edit" ? WithServer(Runtime)
                    : c.Name is "first-miss" ? WithServer(FirstRuntime, idleSeconds: 2)
                    : null;
                var result = ChildProcess.Run(c.Command(), environment);
                result.EnsureSuccess(c.Name);
                if (c.Name is "first-miss")
                {
                    // The server it started would warm up in the background, under the cases that follow.
                    Stop(FirstRuntime);
                }

                if (round > 0)
                {
                    _measurements.Add(c.Name, result);
                }
            }
        }

        var memory = Memory();
        Stop(Runtime);
        Stop(FirstRuntime);
        Console.WriteLine(Report(cases, memory));
        return 0;
    }

    private string FirstRuntime => Path.Join(work, "run-first");

    /// <summary>A fresh edit of a script: a new line, so every timed run compiles something new.</summary>
    private void Edit(string path)
    {
        var n = ++_edit;
        File.WriteAllText(path, path.EndsWith(".cs", StringComparison.Ordinal)
            ? $"System.Console.WriteLine(\"edit {n}\");\n"
            : $"WriteLine(\"edit {n}\");\n");
    }

    /// <summary>No server for the first-miss case: the one the last run started is stopped and gone.</summary>
    private void FirstMiss(string path)
    {
        Stop(FirstRuntime);
        if (Directory.Exists(Path.Join(FirstRuntime, "roslyn-bootsnap")))
        {
            Directory.Delete(Path.Join(FirstRuntime, "roslyn-bootsnap"), recursive: true);
        }

        Edit(path);
    }

    private void Stop(string runtime)
    {
        ChildProcess.Run([dotnet, Cli, "server", "stop"], WithServer(runtime));
        Thread.Sleep(300);
    }

    private void Publish()
    {
        Console.Error.WriteLine("server bench: publishing the command line (ReadyToRun)");
        var project = Path.Join(repo, "src", "RoslynBootsnap.Cli", "RoslynBootsnap.Cli.csproj");
        ReadyToRunPublish.Run(dotnet, project, Path.GetDirectoryName(Cli)!, Path.Join(work, "publish-server.log"));
    }

    /// <summary>The server's resident memory after every 100 of 1,000 distinct compiles, each a miss of a new script.</summary>
    private List<(int Compiles, long Bytes)> Memory()
    {
        Console.Error.WriteLine($"server bench: {Compiles} distinct compiles in the server");
        Thread.Sleep(2000);
        var status = Status();
        var points = new List<(int, long)> { (0, status) };
        var directory = Path.Join(Scripts, "many");
        Directory.CreateDirectory(directory);
        var batch = new List<string>();
        for (var i = 1; i <= Compiles; i++)
        {
            var path = Path.Join(directory, string.Create(CultureInfo.InvariantCulture, $"s{i:0000}.csx"));
            File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"var x{i} = Enumerable.Range(0, {i}).Sum();\nWriteLine(x{i});\n"));
            batch.Add(path);
            if (i % 100 == 0)
            {
                // Four clients at a time, each a real `run` that misses and asks the server.
                Parallel.ForEach(batch, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p => ChildProcess.Run([dotnet, Cli, "run", p, "--cache-dir", Cache], WithServer(Runtime)).EnsureSuccess(p));
                batch.Clear();

                // Measured once the burst is over and the server has been quiet long enough to trim what it left.
                Thread.Sleep(12000);
                points.Add((i, Status()));
            }
        }

        return points;
    }

    private long Status()
    {
        var output = Path.Join(work, "status.txt");
        ChildProcess.Run([dotnet, Cli, "server", "status"], WithServer(Runtime), stdoutPath: output);
        var text = File.ReadAllText(output);
        var pid = text.Split('\n').First(l => l.StartsWith("pid: ", StringComparison.Ordinal))[5..].Trim();
        var rss = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }


    private string Report(IReadOnlyList<HarnessCase> cases, List<(int Compiles, long Bytes)> memory)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"medians of {rounds} rounds, the cases taking turns; ReadyToRun command line");
        text.AppendLine();
        _measurements.AppendCaseTable(text, cases);
        text.AppendLine();
        text.AppendLine("| ratio | value | goal |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(c, $"| edited `run`, server warm ÷ warm hit | {_measurements.Ratio("server-edit", "hit"):0.00} | ≤ 2 |");
        text.AppendLine(c, $"| edited `run`, server warm ÷ `dotnet run app.cs` after the same edit | {_measurements.Ratio("server-edit", "dotnet-run"):0.00} | ≤ 0.35 |");
        text.AppendLine(c, $"| first miss, no server ÷ in-process miss | {_measurements.Ratio("first-miss", "in-process-edit"):0.00} | ≤ 1 |");
        text.AppendLine();
        text.AppendLine("| distinct compiles in the server | resident memory |");
        text.AppendLine("|---|---|");
        foreach (var (compiles, bytes) in memory)
        {
            text.AppendLine(c, $"| {compiles} | {bytes / 1048576.0:0} MiB |");
        }

        return text.ToString();
    }
}
