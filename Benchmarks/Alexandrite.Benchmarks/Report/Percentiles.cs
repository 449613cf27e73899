namespace Alexandrite.Benchmarks.Report;

/// <summary>Percentiles by the nearest-rank method: the smallest sample with at least p% of the samples at or below it.</summary>
internal static class Percentiles
{
    public static double? Of(IReadOnlyCollection<double> samples, double percent)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
