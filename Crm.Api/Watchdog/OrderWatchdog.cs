using System.Diagnostics;
using Alexandrite.Contracts;
using Alexandrite.Crm.Api.DeadLetters;
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
internal sealed partial class OrderWatchdog(
    StuckOrders stuckOrders, DeadLetterPlaces deadLetters, IOptions<WatchdogOptions> options, TimeProvider time, ILogger<OrderWatchdog> logger)
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
        var breaches = await stuckOrders.RecordBreachesAsync(limits, now, cancellationToken);
        if (breaches.Count == 0)
        {
            return;
        }

        var places = await deadLetters.ByOrderAsync(cancellationToken);
        foreach (var order in breaches)
        {
            Report(order with { DeadLetter = places.GetValueOrDefault(order.OrderId) }, order.AgeAt(now));
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
            [SemanticAttributes.OrderStageWaitingOn] = order.WaitingOn,
            [SemanticAttributes.OrderStageAge] = age.TotalSeconds,
            [SemanticAttributes.OrderStageLimit] = order.Limit.TotalSeconds,
        };
        foreach (var (key, value) in where)
        {
            activity?.SetTag(key, value);
        }

        activity?.AddEvent(new ActivityEvent(StuckEvent, tags: where));
        LogStuck(Logger, order.OrderId, order.Stage.ToName(), age, order.Limit, order.WaitingOn ?? "nobody");
    }

    [LoggerMessage(EventName = "OrderStuck", Level = LogLevel.Warning,
        Message = "Order {OrderId} is stuck in {Stage}: {Duration} there, past its limit of {Limit}; it waits on {WaitingOn}")]
    private static partial void LogStuck(ILogger logger, Guid orderId, string stage, TimeSpan duration, TimeSpan limit, string waitingOn);
}
