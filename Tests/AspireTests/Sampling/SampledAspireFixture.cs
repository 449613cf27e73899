using System.Globalization;

namespace Alexandrite.AspireTests.Sampling;

/// <summary>A second AppHost, sampling as production does: 10% of new traces kept, errors kept, forced requests kept.</summary>
public sealed class SampledAspireFixture : AspireFixture
{
    public const double Ratio = 0.1;

    protected override IReadOnlyDictionary<string, string> ExtraSharedSettings => new Dictionary<string, string>
    {
        ["Telemetry__Sampling__Ratio"] = Ratio.ToString(CultureInfo.InvariantCulture),
    };
}

[CollectionDefinition(Name)]
public sealed class SampledAspireCollection : ICollectionFixture<SampledAspireFixture>
{
    public const string Name = "sampled system";
}
