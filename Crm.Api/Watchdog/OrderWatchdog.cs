using System.Diagnostics;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Hosting;
using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace Alexandrite.Crm.Api.Watchdog;

/// <summary>
/// Finds orders stuck in a stage past its limit (<see cref="WatchdogOptions"/>). Every check refreshes the order
/// gauges (open orders by stage and age band, stuck orders by stage and owner) and reports each new breach once:
/// a warning log and an "order.stuck" event on a span in the order's own trace, so support finds it both in the
/// logs and in the order's timeline. It only watches: it never changes an order's status.
/// </summary>
internal sealed partial class OrderWatchdog(StuckOrders stuckOrders, IOptions<WatchdogOptions> options, TimeProvider time, ILogger<OrderWatchdog> logger)
    : PeriodicWorker(time, logger)
{
    /// <summary>The event on the order's trace; its attributes say where the order is stuck.</summary>
    public const string StuckEvent = "order.stuck";

    protected override TimeSpan Interval => options.Value.CheckInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var limits = options.Value.StageLimits();
        var now = Time.GetUtcNow();
        OrderMetrics.ReportOpenOrders(await stuckOrders.CountOpenAsync(limits, now, cancellationToken), limits.Keys);
        foreach (var order in await stuckOrders.RecordBreachesAsync(limits, now, cancellationToken))
        {
            Report(order, order.AgeAt(now));
        }
    }

    private void Report(OrderInStage order, TimeSpan age)
    {
        // A span of its own in the order's trace (parented to the context stored with the order), so the breach
        // shows in the order's timeline in Jaeger or the dashboard, and the log below carries the order's trace id.
        using var activity = OrderTelemetry.StartOperation(SpanNames.ReportStuckOrder, order.OrderId, order.OrderTrace);
        var where = new ActivityTagsCollection
        {
            [SemanticAttributes.OrderStageName] = order.Stage.ToName(),
            [SemanticAttributes.OrderStageOwner] = order.OwnerService,
            [SemanticAttributes.OrderStageAge] = age.TotalSeconds,
            [SemanticAttributes.OrderStageLimit] = order.Limit.TotalSeconds,
        };
        foreach (var (key, value) in where)
        {
            activity?.SetTag(key, value);
        }

        activity?.AddEvent(new ActivityEvent(StuckEvent, tags: where));
        LogStuck(Logger, order.OrderId, order.Stage.ToName(), age, order.Limit, order.OwnerService ?? "nobody");
    }

    [LoggerMessage(EventName = "OrderStuck", Level = LogLevel.Warning,
        Message = "Order {OrderId} is stuck in {Stage}: {Duration} there, past its limit of {Limit}; it waits on {Service}")]
    private static partial void LogStuck(ILogger logger, Guid orderId, string stage, TimeSpan duration, TimeSpan limit, string service);
}
