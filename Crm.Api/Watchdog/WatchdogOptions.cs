using Alexandrite.Contracts;

namespace Alexandrite.Crm.Api.Watchdog;

/// <summary>
/// How long an order may stay in a stage before the watchdog reports it as stuck, bound from the "Watchdog"
/// section (environment: Watchdog__Limits__SUBMITTED=00:10:00, Watchdog__CheckInterval=00:00:30).
/// </summary>
public sealed class WatchdogOptions
{
    public const string SectionName = "Watchdog";

    /// <summary>
    /// Time limits by status name. SUBMITTED (10 minutes) is the support seeds' figure; the others are defaults
    /// to tune: a manager decides a priced order within a day, the workshop starts an approved one within two,
    /// and a shipped order closes by itself after 14 days (Closing:AutoCloseAfter), so one still SHIPPED after
    /// 15 means the automatic close is failing. A limit of zero (or less) switches that stage's watch off; a
    /// stage without a limit is never reported.
    /// </summary>
    public Dictionary<string, TimeSpan> Limits { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [OrderStatus.Submitted.ToName()] = TimeSpan.FromMinutes(10),
        [OrderStatus.PriceCalculated.ToName()] = TimeSpan.FromDays(1),
        [OrderStatus.ManufacturingApproved.ToName()] = TimeSpan.FromDays(2),
        [OrderStatus.Shipped.ToName()] = TimeSpan.FromDays(15),
    };

    /// <summary>How often the watchdog looks for stuck orders and refreshes the order gauges.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The watched stages and their limits.</summary>
    public IReadOnlyDictionary<OrderStatus, TimeSpan> StageLimits() =>
        Limits.Where(limit => limit.Value > TimeSpan.Zero).ToDictionary(limit => OrderStatusNames.Parse(limit.Key), limit => limit.Value);

    /// <summary>Every key names a status an order can leave, and the interval is positive.</summary>
    public bool IsValid() =>
        CheckInterval > TimeSpan.Zero
        && Limits.Keys.All(name => OrderStatusNames.TryParse(name, out var status) && !OrderLifecycle.IsFinal(status));
}
