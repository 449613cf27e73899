namespace Alexandrite.Mes.Api.Pricing;

/// <summary>
/// How a simulated calculation advances: real time waited per step (at most one checkpoint interval) and the
/// simulated progress it buys (<see cref="PricingOptions.TimeScale"/> real milliseconds per simulated one).
/// </summary>
internal static class SimulatedTime
{
    /// <summary>
    /// The next step from <paramref name="progressMs"/> toward <paramref name="totalMs"/>. A time scale of 0 means
    /// "instant" (a load test's pricing): the whole calculation in one step, no wait. Every step makes progress, so
    /// a scale too small to measure cannot loop for ever.
    /// </summary>
    public static (TimeSpan Wait, long ProgressMs) NextStep(long progressMs, long totalMs, double timeScale, TimeSpan checkpointInterval)
    {
        if (timeScale <= 0 || progressMs >= totalMs)
        {
            return (TimeSpan.Zero, totalMs);
        }

        var remaining = TimeSpan.FromMilliseconds((totalMs - progressMs) * timeScale);
        var wait = remaining < checkpointInterval ? remaining : checkpointInterval;
        var advanced = Math.Max(1, (long)(wait.TotalMilliseconds / timeScale));
        return (wait, Math.Min(totalMs, progressMs + advanced));
    }
}
