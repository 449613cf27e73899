using System.Globalization;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Hosting;

/// <summary>
/// What the tests change in the services' settings, given through the testing builder on top of the AppHost's own
/// environment: faster pricing, closing and watchdog so a whole lifecycle fits in seconds, a small upload limit, a
/// sign-in throttle with small limits and a short window.
/// </summary>
public static class TestSettings
{
    /// <summary>Shop.Api's upload limit in these tests, small enough to exceed cheaply.</summary>
    public const long UploadLimitBytes = 8 * 1024 * 1024;

    /// <summary>Shipped orders close by themselves after this; long enough for a test to confirm receipt first.</summary>
    public static readonly TimeSpan AutoCloseAfter = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The watchdog's settings, given as the AppHost's own Watchdog section (as a demo does on eng/run.sh's command
    /// line), which the AppHost passes on to Crm.Api.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AppHostWatchdog => new Dictionary<string, string>
    {
        ["Watchdog:Limits:SUBMITTED"] = SubmittedLimit.ToString(),
        ["Watchdog:CheckInterval"] = WatchdogCheckInterval.ToString(),
    };

    /// <summary>How often the watchdog looks for stuck orders.</summary>
    public static readonly TimeSpan WatchdogCheckInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The watchdog's limit for SUBMITTED: short, so a test sees an order reported stuck in seconds. An order
    /// priced more slowly elsewhere is reported too, which no other test minds (the watchdog only reports).
    /// </summary>
    public static readonly TimeSpan SubmittedLimit = TimeSpan.FromSeconds(3);

    /// <summary>Shop.Web's sign-in throttle: failed sign-ins one account name may have within <see cref="SignInThrottleWindow"/>.</summary>
    public const int SignInFailuresPerAccount = 3;

    /// <summary>
    /// Failed sign-ins one client address may have within the window. Every test signs in from the same loopback
    /// address, so this stays above what the other tests fail in one window: one wrong password (RoleTests) plus at
    /// most 2 × <see cref="SignInFailuresPerAccount"/> from the per-account throttle test (a window may roll over
    /// during it). Only the per-address throttle test exceeds it, and it waits the window out before it ends.
    /// </summary>
    public const int SignInFailuresPerAddress = 10;

    /// <summary>The throttle's window: short, so a throttled test can wait it out.</summary>
    public static readonly TimeSpan SignInThrottleWindow = TimeSpan.FromSeconds(10);

    /// <summary>How often Prometheus scrapes the services and evaluates the alert rules (Monitoring:ScrapeInterval).</summary>
    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    /// <summary>Alertmanager's group_wait and group_interval (Monitoring:AlertGroupWait, :AlertGroupInterval): a notification in seconds.</summary>
    public static readonly TimeSpan AlertGrouping = TimeSpan.FromSeconds(1);

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
        },
        ResourceNames.ShopWeb => new Dictionary<string, string>
        {
            ["SignIn__Throttling__FailuresPerAccount"] = SignInFailuresPerAccount.ToString(CultureInfo.InvariantCulture),
            ["SignIn__Throttling__FailuresPerAddress"] = SignInFailuresPerAddress.ToString(CultureInfo.InvariantCulture),
            ["SignIn__Throttling__Window"] = SignInThrottleWindow.ToString(),
        },
        _ => new Dictionary<string, string>(),
    };
}
