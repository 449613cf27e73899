namespace Alexandrite.Benchmarks.Report;

/// <summary>The goals of issue 16 ("this machine, one run"), next to which the summary prints each figure.</summary>
internal static class Goals
{
    /// <summary>Sustained create+upload+submit rate with 0 errors.</summary>
    public const double SustainedRate = 40;

    /// <summary>"At the very least": the rate the issue accepts as done.</summary>
    public const double MinimumSustainedRate = 30;

    /// <summary>Submit to PRICE_CALCULATED, p95, at the sustained rate.</summary>
    public const double SubmitToPricedP95Ms = 1000;

    /// <summary>Operator queue and stuck list, p95, with a million orders.</summary>
    public const double ReadP95Ms = 20;

    /// <summary>The watchdog's check with a million orders.</summary>
    public const double WatchdogCheckMs = 50;

    /// <summary>Shop.Api CPU per request relative to telemetry off, at sampling 0.1 and 1.0.</summary>
    public const double CpuRatioAtTenPercent = 1.02;

    public const double CpuRatioAtFull = 1.05;
}
