// The benchmark of issue 16: `micro` (BenchmarkDotNet over in-process hot paths), `system` (a load driver for the
// running system), `all` (both, the default) or `cost` (only the system's telemetry cost comparison), each with --smoke
// for a very short run. eng/benchmark.sh builds Release and runs it; it is not part of the test run. Arguments: see
// BenchmarkOptions.
using System.Runtime.InteropServices;
using Alexandrite.Benchmarks;
using Alexandrite.Benchmarks.Micro;
using Alexandrite.Benchmarks.Report;

var options = BenchmarkOptions.Parse(args);
var summary = new BenchmarkSummary(options);
using var stop = new CancellationTokenSource();

// First Ctrl+C or SIGTERM (how a run started in the background is stopped): stop after cleaning up (the systems
// started are stopped); a second one ends at once. Without the SIGTERM handler the AppHost's own took the signal and
// the run went on.
void Stop(PosixSignalContext signal)
{
    signal.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

try
{
    if (options.Mode is BenchmarkMode.Micro or BenchmarkMode.All)
    {
        summary.Micro = MicroBenchmarks.Run(options);
    }

    if (options.Mode is BenchmarkMode.System or BenchmarkMode.All or BenchmarkMode.Cost)
    {
        await new Alexandrite.Benchmarks.Load.SystemBenchmark(options, summary).RunAsync(stop.Token);
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("Stopped; the systems started are stopped. The summary of what ran so far follows.");
}

summary.Print(Console.Out);
await summary.WriteAsync(Path.Combine(options.ArtifactsPath, "summary.txt"));

// 128 + SIGINT, as a shell reports a run stopped by a signal.
return stop.IsCancellationRequested ? 130 : 0;
