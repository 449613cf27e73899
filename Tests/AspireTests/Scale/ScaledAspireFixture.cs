using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Scale;

/// <summary>
/// A third AppHost, run as for load: two Mes.Api processes (Scale:Instances:mes-api=2), each with one calculation
/// loop (so a second calculation at the same time can only be the other instance's), and Pricing:TimeScale 0: a
/// calculation is instant, whatever its simulated length. The loops never poll by themselves here (Pricing:PollInterval
/// 10 minutes): every calculation is started by its queued job's wake-up (PriceJobWakeUp), which the tests prove.
/// </summary>
public sealed class ScaledAspireFixture : AspireFixture
{
    public const int MesInstances = 2;

    /// <summary>The second instance's resource name, as the AppHost names it.</summary>
    public const string SecondMesApi = ResourceNames.MesApi + "-2";

    protected override IReadOnlyDictionary<string, string> ExtraAppHostSettings => new Dictionary<string, string>
    {
        [$"Scale:Instances:{ResourceNames.MesApi}"] = MesInstances.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override IReadOnlyDictionary<string, string> ExtraSharedSettings => new Dictionary<string, string>
    {
        ["Pricing__Concurrency"] = "1",
        ["Pricing__TimeScale"] = "0",
        ["Pricing__PollInterval"] = "00:10:00",
    };
}

[CollectionDefinition(Name)]
public sealed class ScaledAspireCollection : ICollectionFixture<ScaledAspireFixture>
{
    public const string Name = "scaled system";
}
