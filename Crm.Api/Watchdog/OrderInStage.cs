using System.Diagnostics;
using Alexandrite.Contracts;

namespace Alexandrite.Crm.Api.Watchdog;

/// <summary>An order in a stage (its current status) since a time, and the stage's limit (zero when it has none).</summary>
/// <param name="OrderTrace">The order's trace (orders.trace_context), for the report's span.</param>
internal sealed record OrderInStage(Guid OrderId, OrderStatus Stage, DateTimeOffset Since, TimeSpan Limit, ActivityContext OrderTrace)
{
    /// <summary>The service whose step ends the stage: the one the order waits on.</summary>
    public string? OwnerService => OrderLifecycle.StageOwnerOf(Stage);

    /// <summary>The order's trace id (32 hex digits); null when the order has no stored trace.</summary>
    public string? TraceId => OrderTrace == default ? null : OrderTrace.TraceId.ToHexString();

    public TimeSpan AgeAt(DateTimeOffset now) => now - Since;

    /// <summary>Past its limit: the same test as the watchdog's queries (updated_at &lt; now - limit).</summary>
    public bool IsStuckAt(DateTimeOffset now) => Limit > TimeSpan.Zero && AgeAt(now) > Limit;
}
