// Micro benchmarks of the cache's hot path. Run them in Release:
//
//   dotnet run -c Release --project test/RoslynBootsnap.Benchmarks -- --filter '*'
//
// They run in process (no generated project to restore and build), which is accurate enough for
// microsecond-scale code and keeps a full run to a few minutes.
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
