// The startup harness: whole-process wall time and peak memory of every way to start a script, side by side.
//
//   dotnet run -c Release --project test/RoslynBootsnap.StartupHarness [-- --quick] [-- --work DIR]
//   dotnet run -c Release --project test/RoslynBootsnap.StartupHarness -- fleet DIR   (needs /usr/bin/redis-server)
//   dotnet run -c Release --project test/RoslynBootsnap.StartupHarness -- --server    (the compile server alone)
//   dotnet run -c Release --project test/RoslynBootsnap.StartupHarness -- --packages  (a script with packages alone)
//
// Without arguments it is the orchestrator. The other verbs are the child programs it measures, each run as
// a fresh process: floor, naive, naive-compile, host, cycles and cycles-floor. This file names no type of the
// library, so the floor never loads it.
using System.Globalization;
using RoslynBootsnap.StartupHarness;

return args switch
{
    ["floor", var directory, .. var rest] => await FloorChild.RunAsync(directory, rest.Contains("--cli-globals")),
    ["package-floor", var dll, .. var assemblies] => await PackageFloorChild.RunAsync(dll, assemblies),
    ["naive", var target] => await NaiveChild.RunAsync(target),
    ["naive-compile", var directory] => NaiveChild.Compile(directory),
    ["host", var cache, var validation, var directory, .. var rest] => await HostChild.RunAsync(cache, validation, directory, rest.Contains("--expect-hits")),
    ["cycles", var cache, var script, var count] => await CyclesChild.RunAsync(cache, script, int.Parse(count, CultureInfo.InvariantCulture)),
    ["fleet", var work] => await new FleetHarness(work).RunAsync(),
    ["fleet-host", var cache, var directory] => await FleetChild.RunAsync(cache, directory),
    ["cycles-floor", var dll, var count] => await CyclesChild.RunFloorAsync(dll, int.Parse(count, CultureInfo.InvariantCulture)),
    _ => Orchestrate(args),
};

static int Orchestrate(string[] args)
{
    var quick = args.Contains("--quick");
    var workIndex = Array.IndexOf(args, "--work");
    var work = workIndex >= 0 && workIndex + 1 < args.Length
        ? Path.GetFullPath(args[workIndex + 1])
        : Path.Join(Path.GetTempPath(), "roslyn-bootsnap-harness-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    try
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        if (args.Contains("--server"))
        {
            return new ServerBench(Harness.FindRepository(), work, dotnet, quick ? 3 : 5).Run();
        }

        if (args.Contains("--packages"))
        {
            return new PackageBench(Harness.FindRepository(), work, dotnet, quick ? 3 : 7).Run();
        }

        return new Harness(quick, work).Run();
    }
    finally
    {
        if (workIndex < 0 && Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
