using System.Globalization;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Hosting;

/// <summary>
/// What the tests change in the services' settings, given through the testing builder on top of the AppHost's own
/// environment: faster pricing, closing and watchdog so a whole lifecycle fits in seconds, a small upload limit.
/// </summary>
public static class TestSettings
{
    /// <summary>Shop.Api's upload limit in these tests, small enough to exceed cheaply.</summary>
    public const long UploadLimitBytes = 8 * 1024 * 1024;

    /// <summary>Shipped orders close by themselves after this; long enough for a test to confirm receipt first.</summary>
    public static readonly TimeSpan AutoCloseAfter = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The watchdog's limit for SUBMITTED: short, so a test sees an order reported stuck in seconds. An order
    /// priced more slowly elsewhere is reported too, which no other test minds (the watchdog only reports).
    /// </summary>
    public static readonly TimeSpan SubmittedLimit = TimeSpan.FromSeconds(3);

    /// <summary>The Jaeger UI the journey links to (Telemetry:Jaeger:UiUrl; nothing listens there in the tests).</summary>
    public const string JaegerUrl = "http://127.0.0.1:16686";

    /// <summary>The environment each service gets from the tests, by resource name.</summary>
    public static IReadOnlyDictionary<string, string> For(string resourceName) => resourceName switch
    {
        ResourceNames.ShopApi => new Dictionary<string, string>
        {
            ["Upload__MaxBytes"] = UploadLimitBytes.ToString(CultureInfo.InvariantCulture),
        },
        ResourceNames.MesApi => new Dictionary<string, string>
        {
            // 1 simulated second = 20 ms: a 12-triangle cube prices in 0.2 s, a 100k-triangle sphere in about 4 s.
            ["Pricing__TimeScale"] = "0.02",
            ["Pricing__CheckpointInterval"] = "00:00:00.250",
            ["Pricing__PollInterval"] = "00:00:00.100",
        },
        ResourceNames.CrmApi => new Dictionary<string, string>
        {
            ["Approvals__AutoApproveLimit"] = "1000",
            ["Closing__AutoCloseAfter"] = AutoCloseAfter.ToString(),
            ["Closing__CheckInterval"] = "00:00:00.500",
            ["Watchdog__Limits__SUBMITTED"] = SubmittedLimit.ToString(),
            ["Watchdog__CheckInterval"] = "00:00:00.500",
        },
        _ => new Dictionary<string, string>(),
    };
}
