namespace Alexandrite.Benchmarks;

/// <summary>What one run measures.</summary>
internal enum BenchmarkMode
{
    /// <summary>BenchmarkDotNet over the in-process hot paths.</summary>
    Micro,

    /// <summary>The load driver against the running system, once per telemetry setting.</summary>
    System,

    /// <summary>Both, with one summary.</summary>
    All,

    /// <summary>Only the cost comparison of the system benchmark: telemetry's cost, without the rates, the backlog and the scale.</summary>
    Cost,
}
