using System.Diagnostics;
using Alexandrite.Contracts;
using Alexandrite.Messaging.DeadLetters;

namespace Alexandrite.Crm.Api.Watchdog;

/// <summary>An order in a stage (its current status) since a time, and the stage's limit (zero when it has none).</summary>
/// <param name="OrderTrace">The order's trace (orders.trace_context), for the report's span.</param>
internal sealed record OrderInStage(Guid OrderId, OrderStatus Stage, DateTimeOffset Since, TimeSpan Limit, ActivityContext OrderTrace)
{
    /// <summary>The service whose step ends the stage: the one the order waits on, unless it waits on a dead letter.</summary>
    public string? OwnerService => OrderLifecycle.StageOwnerOf(Stage);

    /// <summary>A message of the order that waits in a dead-letter queue, if one does: the order moves only once it is redriven.</summary>
    public DeadLetter? DeadLetter { get; init; }

    /// <summary>Where the order really waits: "crm-api dead-letter queue: &lt;reason&gt;", else the stage's owner.</summary>
    public string? WaitingOn => DeadLetter?.Place ?? OwnerService;

    /// <summary>The order's trace id (32 hex digits); null when the order has no stored trace.</summary>
    public string? TraceId => OrderTrace == default ? null : OrderTrace.TraceId.ToHexString();

    public TimeSpan AgeAt(DateTimeOffset now) => now - Since;

    /// <summary>Past its limit: the same test as the watchdog's queries (updated_at &lt; now - limit).</summary>
    public bool IsStuckAt(DateTimeOffset now) => Limit > TimeSpan.Zero && AgeAt(now) > Limit;
}
