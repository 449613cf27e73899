using System.Globalization;

namespace Alexandrite.EndToEnd.Tests.Sampling;

/// <summary>A second system, as production samples: 10% of new traces kept, errors kept, forced requests kept.</summary>
public sealed class SampledSystemFixture : SystemFixture
{
    public const double Ratio = 0.1;

    protected override IReadOnlyDictionary<string, string?> ExtraSharedSettings => new Dictionary<string, string?>
    {
        ["Telemetry__Sampling__Ratio"] = Ratio.ToString(CultureInfo.InvariantCulture),
    };
}

[CollectionDefinition(Name)]
public sealed class SampledSystemCollection : ICollectionFixture<SampledSystemFixture>
{
    public const string Name = "sampled system";
}
