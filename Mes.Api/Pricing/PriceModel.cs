using Alexandrite.MeshAnalysis;

namespace Alexandrite.Mes.Api.Pricing;

/// <summary>
/// How long MES's calculation takes and what a piece costs: metal by weight (volume × density × price per
/// gram) plus workmanship that grows with the model's complexity. Model units are millimetres.
/// </summary>
public static class PriceModel
{
    public const string Currency = "EUR";

    private static readonly TimeSpan BaseCalculationTime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TimePerPolygon = TimeSpan.FromMilliseconds(1.8);
    private static readonly TimeSpan LongestCalculation = TimeSpan.FromMinutes(30);

    private static readonly Dictionary<string, (double GramsPerCm3, decimal EurosPerGram)> Metals = new(StringComparer.Ordinal)
    {
        ["gold"] = (15.6, 75m),
        ["silver"] = (10.4, 1.1m),
        ["platinum"] = (21.4, 35m),
    };

    /// <summary>10 s plus 1.8 ms per polygon: a million-polygon model takes the full 30 minutes.</summary>
    public static TimeSpan CalculationTime(long polygons) =>
        TimeSpan.FromTicks(Math.Min(LongestCalculation.Ticks, BaseCalculationTime.Ticks + TimePerPolygon.Ticks * polygons));

    public static decimal Price(string material, double volumeMm3, long polygons)
    {
        if (!Metals.TryGetValue(material, out var metal))
        {
            throw new ArgumentException($"No price for the material '{material}'.", nameof(material));
        }

        var grams = volumeMm3 / 1000 * metal.GramsPerCm3;
        var workmanship = 50m + (decimal)Math.Log10(Math.Max(10, polygons)) * 20m;
        return decimal.Round((decimal)grams * metal.EurosPerGram + workmanship, 2);
    }

    /// <summary>Why the piece cannot be made, or null when it can.</summary>
    public static string? WhyNotPriceable(ModelAnalysis model, string material, PricingOptions options)
    {
        var size = model.Bounds.Size;
        var largest = Math.Max(size.X, Math.Max(size.Y, size.Z));
        if (largest > options.MaxSizeMillimetres)
        {
            return $"The model is {largest:0.#} mm across; the workshop makes pieces up to {options.MaxSizeMillimetres:0.#} mm.";
        }

        return Metals.ContainsKey(material) ? null : $"The workshop does not work {material}.";
    }
}
