using Alexandrite.Benchmarks.Report;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Alexandrite.Benchmarks.Micro;

/// <summary>Runs BenchmarkDotNet over the hot paths and keeps each case's mean time and allocation for the summary.</summary>
internal static class MicroBenchmarks
{
    public static IReadOnlyList<MicroResult> Run(BenchmarkOptions options)
    {
        // In process: BenchmarkDotNet's usual toolchain builds a project of its own around this assembly, which would
        // build the AppHost and the four services again; the hot paths here need no process of their own. A short job
        // (3 warm-ups, 3 iterations) is enough to compare orders of magnitude; --smoke runs each case once.
        var job = (options.Smoke ? Job.Dry : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(options.ArtifactsPath, "micro"))
            .WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkRunner.Run([typeof(SamplerBenchmarks), typeof(ScrubberBenchmarks), typeof(MeshParsingBenchmarks)], config);
        return [.. summaries.SelectMany(Results).OrderBy(result => result.Name, StringComparer.Ordinal)];
    }

    private static IEnumerable<MicroResult> Results(Summary summary) =>
        summary.Reports.Select(report =>
        {
            var benchmark = report.BenchmarkCase;
            var parameters = benchmark.HasParameters ? " " + benchmark.Parameters.ValueInfo : "";
            return new MicroResult(
                $"{benchmark.Descriptor.Type.Name.Replace("Benchmarks", "", StringComparison.Ordinal)}: {benchmark.Descriptor.WorkloadMethodDisplayInfo}{parameters}",
                report.ResultStatistics?.Mean,
                report.GcStats.GetBytesAllocatedPerOperation(benchmark));
        });
}
