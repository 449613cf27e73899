namespace Alexandrite.Benchmarks.Report;

/// <summary>One BenchmarkDotNet case: its mean time in nanoseconds and what it allocates per operation (null when it did not run).</summary>
internal sealed record MicroResult(string Name, double? MeanNanoseconds, long? AllocatedBytes);
