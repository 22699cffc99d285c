using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// Builds the work dir (scripts, published command lines, warm caches, floor DLLs), runs every case as a fresh
/// process round after round, alternating cases so that drift hits all of them alike, and prints the table.
/// </summary>
internal sealed class Harness
{
    private const int ScriptCount = 100;

    private readonly string _repo;
    private readonly string _work;
    private readonly string _dotnet;
    private readonly string _self;
    private readonly int _rounds;
    private readonly int _cycles;
    private readonly List<CliBuild> _builds;
    private readonly string _packagedHost;
    private readonly Measurements _measurements = new();
    private int _fresh;

    public Harness(bool quick, string work)
    {
        _repo = FindRepository();
        _work = work;
        _dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        _self = typeof(Harness).Assembly.Location;
        _rounds = quick ? 3 : 7;
        _cycles = 1000;
        _builds =
        [
            new("portable", Path.Join(work, "cli"), [], _self),
            new(
                "ReadyToRun",
                Path.Join(work, "cli-r2r"),
                ["-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true"],
                Path.Join(work, "harness-r2r", Path.GetFileName(_self))),
        ];
        _packagedHost = Path.Join(work, "harness-packaged", Path.GetFileName(_self));
    }

    private string One => Path.Join(_work, "scripts", "one", "script.csx");

    private string Touched => Path.Join(_work, "scripts", "touched", "script.csx");

    private string Hundred => Path.Join(_work, "scripts", "hundred");

    private string HostCache(CliBuild build) => Path.Join(_work, "cache", "host-" + build.Name);

    private string PackagedHostCache => Path.Join(_work, "cache", "host-packaged");

    public int Run()
    {
        Log($"work dir {_work}; {_rounds} timed rounds after one warm-up round");
        Directory.CreateDirectory(_work);
        WriteScripts();
        foreach (var build in _builds)
        {
            Publish(build);
        }

        PublishHarness(_builds[1]);
        PublishPackagedHost();

        Prepare();
        var cases = Cases();
        for (var round = 0; round <= _rounds; round++)
        {
            Log(round == 0 ? "warm-up round" : $"round {round} of {_rounds}");
            foreach (var harnessCase in cases)
            {
                harnessCase.Prepare?.Invoke();
                var result = ChildProcess.Run(harnessCase.Command());
                if (result.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{harnessCase.Name} exited {result.ExitCode}: {string.Join(' ', harnessCase.Command())}");
                }

                if (round > 0)
                {
                    _measurements.Add(harnessCase.Name, result);
                }
            }
        }

        var script = Path.Join(Hundred, "plugin000.csx");
        var cycleCache = Path.Join(_work, "cache", "cycles");
        Expect([_dotnet, _self, "host", cycleCache, "Full", Hundred], "100 loaded");
        var cycles = RunCycles("cycles", [cycleCache, script]);
        var floorCycles = RunCycles("cycles-floor", [Path.Join(_work, "floor", "hundred", "plugin000.dll")]);
        Console.WriteLine();
        Console.WriteLine(Report(cases, cycles, floorCycles));
        return 0;
    }

    private List<HarnessCase> Cases()
    {
        var floor1 = Path.Join(_work, "floor", "one");
        var floor100 = Path.Join(_work, "floor", "hundred");
        var cases = new List<HarnessCase>
        {
            new("naive-1", "naive Roslyn: CSharpScript compile + run", () => [_dotnet, _self, "naive", One]),
        };
        foreach (var build in _builds)
        {
            cases.Add(new($"floor-1-{build.Name}", $"load floor: the emitted DLL loaded and run directly ({build.Name})", () => [_dotnet, build.HarnessDll, "floor", floor1, "--cli-globals"]));
            var cold = string.Empty;
            var warm = Path.Join(_work, "cache", build.Name, "warm");
            var touched = Path.Join(_work, "cache", build.Name, "touched");
            var precompiled = string.Empty;
            cases.Add(new($"cold-{build.Name}", $"`run`, empty cache ({build.Name})", () => [_dotnet, build.Dll, "run", One, "--cache-dir", cold], () => cold = FreshDirectory()));
            cases.Add(new($"warm-{build.Name}", $"`run`, warm cache ({build.Name})", () => [_dotnet, build.Dll, "run", One, "--cache-dir", warm]));
            cases.Add(new($"touched-{build.Name}", $"`run` after a touch: revalidated ({build.Name})", () => [_dotnet, build.Dll, "run", Touched, "--cache-dir", touched], Touch));
            cases.Add(new(
                $"precompile-{build.Name}",
                $"`precompile` 100 scripts, `--jobs 2` ({build.Name})",
                () => [_dotnet, build.Dll, "precompile", Hundred, "--jobs", "2", "--cache-dir", precompiled],
                () => precompiled = FreshDirectory()));
        }

        foreach (var build in _builds)
        {
            cases.Add(new($"floor-100-{build.Name}", $"load floor, 100 scripts ({build.Name})", () => [_dotnet, build.HarnessDll, "floor", floor100]));
            cases.Add(new($"host-100-{build.Name}", $"host loading 100 scripts, warm, full validation ({build.Name})", () => [_dotnet, build.HarnessDll, "host", HostCache(build), "Full", Hundred, "--expect-hits"]));
        }

        cases.Add(new(
            "host-100-packaged",
            "host loading 100 scripts, warm, full validation (portable host, the package's ReadyToRun library)",
            () => [_dotnet, _packagedHost, "host", PackagedHostCache, "Full", Hundred, "--expect-hits"]));
        cases.Add(new("host-100-fast", $"host loading 100 scripts, warm, `ValidationMode.Fast` ({_builds[0].Name})", () => [_dotnet, _self, "host", HostCache(_builds[0]), "Fast", Hundred, "--expect-hits"]));
        cases.Add(new("naive-100", "naive Roslyn host, 100 scripts", () => [_dotnet, _self, "naive", Hundred]));
        cases.Add(new("naive-compile-100", "100 scripts compiled one after another, a fresh CSharpScript each", () => [_dotnet, _self, "naive-compile", Hundred]));
        return cases;
    }

    private void WriteScripts()
    {
        const string one = """
            var squares = Enumerable.Range(1, 100).Select(i => i * i).ToList();
            Console.WriteLine($"{squares.Count} squares, sum {squares.Sum()}");
            return 0;

            """;
        Directory.CreateDirectory(Path.GetDirectoryName(One)!);
        Directory.CreateDirectory(Path.GetDirectoryName(Touched)!);
        Directory.CreateDirectory(Hundred);
        File.WriteAllText(One, one);
        File.WriteAllText(Touched, one);
        for (var i = 0; i < ScriptCount; i++)
        {
            File.WriteAllText(
                Path.Join(Hundred, string.Create(CultureInfo.InvariantCulture, $"plugin{i:000}.csx")),
                string.Create(CultureInfo.InvariantCulture, $$"""
                    // plugin {{i}}
                    var words = "alpha beta gamma delta epsilon zeta eta theta".Split(' ');
                    var picked = words.Where(w => w.Length > {{i % 6}}).Select(w => w.ToUpperInvariant()).ToList();
                    picked.Count + {{i}}

                    """));
        }
    }

    /// <summary>Publishes the harness itself as <paramref name="build"/> is published: its floor and host programs.</summary>
    private void PublishHarness(CliBuild build)
    {
        Log($"publishing the floor and host programs ({build.Name})");
        var project = Path.Join(_repo, "test", "RoslynBootsnap.StartupHarness", "RoslynBootsnap.StartupHarness.csproj");
        var log = Path.Join(_work, $"publish-harness-{build.Name}.log");
        var output = Path.GetDirectoryName(build.HarnessDll)!;
        var result = ChildProcess.Run([_dotnet, "publish", project, "-c", "Release", "-o", output, "--nologo", .. build.PublishArguments], stdoutPath: log);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the harness failed ({build.Name}); see {log}");
        }
    }

    /// <summary>
    /// A portable host, as most are, with the library a package reference gives it on this platform: the
    /// ReadyToRun image under the package's runtimes/&lt;rid&gt;/lib, taken from a package packed here.
    /// </summary>
    private void PublishPackagedHost()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        Log($"packing the library's ReadyToRun image for {rid} and publishing a portable host with it");
        var packages = Path.Join(_work, "package");
        if (Directory.Exists(packages))
        {
            Directory.Delete(packages, recursive: true);
        }

        var library = Path.Join(_repo, "src", "RoslynBootsnap.Core", "RoslynBootsnap.Core.csproj");
        var log = Path.Join(_work, "pack-library.log");
        var packed = ChildProcess.Run(
            [_dotnet, "pack", library, "-c", "Release", "-o", packages, "--nologo", "-p:PackRidSpecific=true", $"-p:ReadyToRunPackageRuntimeIdentifiers={rid}"],
            stdoutPath: log);
        if (packed.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack of the library failed; see {log}");
        }

        var project = Path.Join(_repo, "test", "RoslynBootsnap.StartupHarness", "RoslynBootsnap.StartupHarness.csproj");
        log = Path.Join(_work, "publish-harness-packaged.log");
        var output = Path.GetDirectoryName(_packagedHost)!;
        if (ChildProcess.Run([_dotnet, "publish", project, "-c", "Release", "-o", output, "--nologo"], stdoutPath: log).ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the harness failed (packaged); see {log}");
        }

        using var package = ZipFile.OpenRead(Directory.GetFiles(packages, "RoslynBootsnap.Core.*.nupkg").Single());
        var image = package.GetEntry($"runtimes/{rid}/lib/net10.0/RoslynBootsnap.Core.dll")
            ?? throw new InvalidOperationException($"The package has no ReadyToRun image for {rid}.");
        image.ExtractToFile(Path.Join(output, "RoslynBootsnap.Core.dll"), overwrite: true);
    }

    private void Publish(CliBuild build)
    {
        Log($"publishing the command line ({build.Name})");
        var project = Path.Join(_repo, "src", "RoslynBootsnap.Cli", "RoslynBootsnap.Cli.csproj");
        var log = Path.Join(_work, $"publish-{build.Name}.log");
        var result = ChildProcess.Run([_dotnet, "publish", project, "-c", "Release", "-o", build.Directory, "--nologo", .. build.PublishArguments], stdoutPath: log);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({build.Name}); see {log}");
        }
    }

    /// <summary>Warms the caches the warm cases read and extracts the floor's DLLs from them; checks that warm runs are hits.</summary>
    private void Prepare()
    {
        Log("warming caches and extracting the floor's DLLs");

        // A kept work dir from an earlier run holds caches of other scripts and builds: start from empty ones,
        // so that the first run of each case really is the miss that warms it.
        foreach (var stale in new[] { "cache", "floor" })
        {
            var directory = Path.Join(_work, stale);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        foreach (var build in _builds)
        {
            foreach (var (script, kind) in new[] { (One, "warm"), (Touched, "touched") })
            {
                var cache = Path.Join(_work, "cache", build.Name, kind);
                Expect([_dotnet, build.Dll, "run", script, "--cache-dir", cache, "--events"], "miss");
                Expect([_dotnet, build.Dll, "run", script, "--cache-dir", cache, "--events"], "hit");
            }
        }

        foreach (var build in _builds)
        {
            Expect([_dotnet, build.HarnessDll, "host", HostCache(build), "Full", Hundred], "100 loaded");
            Expect([_dotnet, build.HarnessDll, "host", HostCache(build), "Full", Hundred, "--expect-hits"], "0 not hits");
        }

        Expect([_dotnet, _packagedHost, "host", PackagedHostCache, "Full", Hundred], "100 loaded");
        Expect([_dotnet, _packagedHost, "host", PackagedHostCache, "Full", Hundred, "--expect-hits"], "0 not hits");

        var floor1 = Directory.CreateDirectory(Path.Join(_work, "floor", "one")).FullName;
        EntryImage.Extract(Path.Join(_work, "cache", _builds[0].Name, "warm"), One, Path.Join(floor1, "script.dll"));
        var floor100 = Directory.CreateDirectory(Path.Join(_work, "floor", "hundred")).FullName;
        foreach (var script in NaiveChild.Scripts(Hundred))
        {
            EntryImage.Extract(HostCache(_builds[0]), script, Path.Join(floor100, Path.ChangeExtension(Path.GetFileName(script), ".dll")));
        }
    }

    private CycleFigures RunCycles(string verb, string[] arguments)
    {
        Log($"{_cycles} load, run, unload cycles in one process ({verb})");
        var output = Path.Join(_work, verb + ".txt");
        var result = ChildProcess.Run([_dotnet, _self, verb, .. arguments, _cycles.ToString(CultureInfo.InvariantCulture)], stdoutPath: output);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{verb} exited {result.ExitCode}: {File.ReadAllText(output)}");
        }

        var lines = File.ReadAllLines(output).Where(l => l.StartsWith("cycles ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToArray();
        long Field(string[] line, string name) => long.Parse(line[Array.IndexOf(line, name) + 1], CultureInfo.InvariantCulture);
        return new CycleFigures(
            Field(lines[0], "heap"),
            Field(lines[^1], "heap"),
            Field(lines[0], "rss"),
            Field(lines[^1], "rss"),
            Field(lines[0], "ms") / 100.0,
            lines.Skip(1).Sum(l => Field(l, "ms")) / (_cycles - 100.0),
            result.PeakBytes,
            Field(lines[^1], "contexts"),
            [.. lines.Select(l => Field(l, "rss"))]);
    }

    private string Report(List<HarnessCase> cases, CycleFigures cycles, CycleFigures floorCycles)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| case | median wall | min–max | median peak RSS |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var c in cases)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {c.Description} | {Seconds(c.Name)} | {_measurements.MinSeconds(c.Name):F3}–{_measurements.MaxSeconds(c.Name):F3} s | {_measurements.PeakMebibytes(c.Name):F0} MiB |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{_cycles} load → run → unload cycles of one script in one process (measured every {CyclesChild.Checkpoint} cycles after full collections, the last one aggressive):");
        text.AppendLine();
        text.AppendLine("| loop | after | managed heap | RSS | time per cycle |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (loop, figures) in new[] { ("through the cache", cycles), ("the bare DLL (floor)", floorCycles) })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {loop} | 100 cycles | {figures.HeapAfter100 / 1048576.0:F2} MiB | {figures.RssAfter100 / 1048576.0:F1} MiB | {figures.MillisecondsPerCycleFirst100:F2} ms |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {loop} | {_cycles} cycles | {figures.HeapAfterAll / 1048576.0:F2} MiB | {figures.RssAfterAll / 1048576.0:F1} MiB | {figures.MillisecondsPerCycleRest:F2} ms |");
        }

        text.AppendLine();
        foreach (var (loop, figures) in new[] { ("through the cache", cycles), ("the bare DLL (floor)", floorCycles) })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"RSS every {CyclesChild.Checkpoint} cycles, {loop}: {string.Join(", ", figures.RssAtCheckpoints.Select(b => (b / 1048576.0).ToString("F1", CultureInfo.InvariantCulture)))} MiB.");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load contexts alive after the last cycle: {cycles.ContextsAfterAll} through the cache, {floorCycles.ContextsAfterAll} in the floor's loop (the default one counts); peak RSS of the loops {cycles.PeakBytes / 1048576.0:F0} and {floorCycles.PeakBytes / 1048576.0:F0} MiB.");
        text.AppendLine();
        text.AppendLine("| target | measured | goal | met |");
        text.AppendLine("|---|---:|---:|---|");
        foreach (var target in Targets(cycles))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {target.Description} | {target.Measured:F2} | {target.Goal} | {(target.Met ? "yes" : "**no**")} |");
        }

        return text.ToString();
    }

    private IEnumerable<Target> Targets(CycleFigures cycles)
    {
        double W(string name) => _measurements.WallSeconds(name);
        double M(string name) => _measurements.PeakMebibytes(name);
        Target AtMost(string description, double measured, double goal) => new(description, measured, $"≤ {goal:0.##}", measured <= goal);
        Target AtLeast(string description, double measured, double goal) => new(description, measured, $"≥ {goal:0.##}", measured >= goal);

        foreach (var build in _builds)
        {
            yield return AtMost($"warm `run` ÷ load floor ({build.Name})", W($"warm-{build.Name}") / W($"floor-1-{build.Name}"), 1.3);
            yield return AtMost($"`run` on a miss ÷ naive compile + run ({build.Name})", W($"cold-{build.Name}") / W("naive-1"), 0.6);
            yield return AtMost($"touched `run` ÷ warm `run` ({build.Name})", W($"touched-{build.Name}") / W($"warm-{build.Name}"), 1.1);
            yield return AtLeast($"sequential fresh CSharpScript ÷ `precompile --jobs 2` ({build.Name})", W("naive-compile-100") / W($"precompile-{build.Name}"), 1.7);
        }

        foreach (var build in _builds)
        {
            yield return AtMost($"100 scripts warm ÷ 100-script load floor ({build.Name})", W($"host-100-{build.Name}") / W($"floor-100-{build.Name}"), 1.15);
        }

        yield return AtMost(
            "100 scripts warm ÷ 100-script load floor (portable host, the package's ReadyToRun library)",
            W("host-100-packaged") / W($"floor-100-{_builds[0].Name}"),
            1.15);

        var host = $"host-100-{_builds[0].Name}";
        yield return AtLeast("naive 100-script host ÷ 100 scripts warm", W("naive-100") / W(host), 25);
        yield return AtMost("100 scripts warm peak RSS ÷ naive host's", M(host) / M("naive-100"), 0.2);
        yield return AtMost("full validation ÷ Fast, 100 scripts warm", W(host) / W("host-100-fast"), 1.05);
        yield return AtMost("managed heap after 1000 cycles ÷ after 100", (double)cycles.HeapAfterAll / cycles.HeapAfter100, 1.1);
        yield return AtMost("RSS after 1000 cycles ÷ after 100", (double)cycles.RssAfterAll / cycles.RssAfter100, 1.1);
    }

    private string Seconds(string name) => string.Create(CultureInfo.InvariantCulture, $"{_measurements.WallSeconds(name):F3} s");

    private void Expect(IReadOnlyList<string> command, string expected)
    {
        var output = Path.Join(_work, "check.txt");
        var result = ChildProcess.Run(command, stdoutPath: output);
        var text = File.ReadAllText(output);
        if (result.ExitCode != 0 || !text.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{string.Join(' ', command)}' exited {result.ExitCode} without '{expected}':\n{text}");
        }
    }

    private string FreshDirectory() => Path.Join(_work, "cache", "fresh", (++_fresh).ToString(CultureInfo.InvariantCulture));

    /// <summary>A new mtime, same content: the next run revalidates and rewrites the entry.</summary>
    private void Touch() => File.SetLastWriteTimeUtc(Touched, DateTime.UtcNow);

    internal static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Join(directory.FullName, "RoslynBootsnap.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the harness from the repository: RoslynBootsnap.sln was not found above it.");
    }

    private static void Log(string message) => Console.Error.WriteLine($"[harness] {message}");
}
