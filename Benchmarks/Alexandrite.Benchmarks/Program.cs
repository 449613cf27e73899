// The benchmark of issue 16: `micro` (BenchmarkDotNet over in-process hot paths), `system` (a load driver for the
// running system) or `all` (both, the default), each with --smoke for a very short run. eng/benchmark.sh builds
// Release and runs it; it is not part of the test run. Arguments: see BenchmarkOptions.
using Alexandrite.Benchmarks;
using Alexandrite.Benchmarks.Micro;
using Alexandrite.Benchmarks.Report;

var options = BenchmarkOptions.Parse(args);
var summary = new BenchmarkSummary(options);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: stop after cleaning up (the systems started are stopped); a second one ends at once.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};

if (options.Mode is BenchmarkMode.Micro or BenchmarkMode.All)
{
    summary.Micro = MicroBenchmarks.Run(options);
}

if (options.Mode is BenchmarkMode.System or BenchmarkMode.All)
{
    await new Alexandrite.Benchmarks.Load.SystemBenchmark(options, summary).RunAsync(stop.Token);
}

summary.Print(Console.Out);
await summary.WriteAsync(Path.Combine(options.ArtifactsPath, "summary.txt"));
return 0;
