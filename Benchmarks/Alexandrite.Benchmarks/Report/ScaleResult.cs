namespace Alexandrite.Benchmarks.Report;

/// <summary>The reads at a million rows, and the pipeline run again on top of them.</summary>
internal sealed record ScaleResult(
    int Rows,
    TimeSpan SeedTime,
    Settling Settled,
    IReadOnlyList<double> OperatorQueueMs,
    IReadOnlyList<double> StuckListMs,
    IReadOnlyList<double> WatchdogCheckMs,
    IReadOnlyDictionary<int, int> ReadStatuses,
    string PlansFile,
    IReadOnlyList<string> PlanSummaries,
    StepResult? StepAtScale);
