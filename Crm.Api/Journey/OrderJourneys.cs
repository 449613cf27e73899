using Alexandrite.Contracts;
using Alexandrite.Crm.Api.DeadLetters;
using Alexandrite.Crm.Api.Watchdog;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.ShopDatabase;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Alexandrite.Crm.Api.Journey;

/// <summary>
/// An order's journey, for support: every status with when it began and ended, how long it lasted, who set it
/// and in which trace; the order's trace with deep links; and, when the order is past its stage's limit, where
/// it is stuck and what it waits on, a dead-letter queue included. Read from the status history (OrderStatusStore),
/// the watchdog's breaches, support's redrives and the dead-letter queues.
/// </summary>
internal sealed class OrderJourneys(
    NpgsqlDataSource dataSource, DeadLetterPlaces deadLetters, WaitCauses causes, IOptions<WatchdogOptions> watchdog, IOptions<JourneyOptions> journey,
    TimeProvider time)
{
    public async Task<OrderJourney?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            "SELECT status AS Status, updated_at AS Since, trace_context::text AS TraceContext FROM orders WHERE id = @orderId",
            new { orderId },
            cancellationToken: cancellationToken));
        if (order is null)
        {
            return null;
        }

        var history = await OrderStatusStore.HistoryAsync(connection, orderId, cancellationToken);
        var breaches = await StuckOrders.BreachesAsync(connection, orderId, cancellationToken);
        var redrives = await DeadLetterRedrives.ForOrderAsync(connection, orderId, cancellationToken);
        var now = time.GetUtcNow();
        var steps = history.Select((change, i) =>
        {
            DateTimeOffset? leftAt = i + 1 < history.Count ? history[i + 1].ChangedAt : null;
            // A final status is an end, not a wait: it has no time spent. The current one has spent it so far.
            TimeSpan? spent = leftAt is { } left ? left - change.ChangedAt : OrderLifecycle.IsFinal(change.To) ? null : now - change.ChangedAt;
            return new JourneyStep(
                change.To.ToName(), change.From?.ToName(), change.ChangedAt, leftAt, spent, change.ChangedBy, change.ActorId, change.Reason, change.TraceId,
                breaches.TryGetValue(change.To.ToName(), out var breachedAt) ? breachedAt : null,
                OrderLifecycle.StageOwnerOf(change.To), journey.Value.LinksFor(change.TraceId));
        }).ToList();

        var status = OrderStatusNames.Parse(order.Status);
        var current = new OrderInStage(
            orderId, status, new DateTimeOffset(DateTime.SpecifyKind(order.Since, DateTimeKind.Utc)),
            watchdog.Value.StageLimits().GetValueOrDefault(status), TraceCarrier.ExtractFromJson(order.TraceContext).Context)
        {
            DeadLetter = OrderLifecycle.IsFinal(status) ? null : (await deadLetters.ByOrderAsync(cancellationToken)).GetValueOrDefault(orderId),
        };
        var stuck = current.IsStuckAt(now) ? StuckOrderResponse.From(current, now) : null;
        var cause = OrderLifecycle.IsFinal(status) ? null : await causes.ForAsync(current, cancellationToken);
        var ahead = OrderLifecycle.AheadOf(status)
            .Select(next => new StageAhead(next.ToName(), OrderLifecycle.OwnerOf(next), OrderLifecycle.StageOwnerOf(next)))
            .ToList();
        return new OrderJourney(
            orderId, status.ToName(), current.OwnerService, current.WaitingOn, cause, current.TraceId, journey.Value.LinksFor(current.TraceId), steps, redrives,
            stuck, ahead);
    }

    private sealed record OrderRow(string Status, DateTime Since, string TraceContext);
}

/// <param name="OwnerService">The service whose step ends the order's stage; null once its status is final.</param>
/// <param name="WaitingOn">Where the order waits: the owner, or a dead-letter queue with the reason; null once final.</param>
/// <param name="Cause">Why it waits, as far as the system can tell (<see cref="WaitCauses"/>); null when nothing is known.</param>
/// <param name="Redrives">Messages of the order support sent back from a dead-letter queue: who, when, and why they had failed.</param>
/// <param name="Stuck">Where the order is stuck, when it is past its stage's limit now; otherwise null.</param>
/// <param name="Ahead">The stages the order has not reached yet when all goes well (<see cref="OrderLifecycle.AheadOf"/>), so support sees what is left.</param>
internal sealed record OrderJourney(
    Guid OrderId, string Status, string? OwnerService, string? WaitingOn, string? Cause, string? TraceId, JourneyLinks Links, IReadOnlyList<JourneyStep> Steps,
    IReadOnlyList<Redrive> Redrives, StuckOrderResponse? Stuck, IReadOnlyList<StageAhead> Ahead);

/// <param name="LeftAt">When the next status began; null for the current status.</param>
/// <param name="TimeSpent">Left minus entered; for the current status, the time so far; null for a final status.</param>
/// <param name="SetBy">The service that set the status.</param>
/// <param name="ReportedStuckAt">When the watchdog found the order past this stage's limit, if it did.</param>
/// <param name="OwnerService">The service whose step ends this stage (<see cref="OrderLifecycle.StageOwnerOf"/>); null for a final status.</param>
/// <param name="Links">Deep links to the trace of the step's change (<paramref name="TraceId"/>), from the same templates as the order's.</param>
internal sealed record JourneyStep(
    string Status, string? From, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt, TimeSpan? TimeSpent, string SetBy, string Actor, string? Reason,
    string? TraceId, DateTimeOffset? ReportedStuckAt, string? OwnerService, JourneyLinks Links);

/// <summary>A stage the order has not reached yet.</summary>
/// <param name="SetBy">The service that will set the status (<see cref="OrderLifecycle.OwnerOf"/>).</param>
/// <param name="OwnerService">The service whose step will end the stage; null for the final one.</param>
internal sealed record StageAhead(string Status, string SetBy, string? OwnerService);

/// <summary>An order past its stage's limit, as GET /api/orders/stuck and the journey show it.</summary>
/// <param name="Stage">The status the order is stuck in.</param>
/// <param name="OwnerService">The service whose step ends the stage (resource name), so the one to look at.</param>
/// <param name="WaitingOn">Where the order really waits: the owner, or "crm-api dead-letter queue: &lt;reason&gt;".</param>
internal sealed record StuckOrderResponse(
    Guid OrderId, string Stage, string? OwnerService, string? WaitingOn, DateTimeOffset Since, TimeSpan Age, TimeSpan Limit, string? TraceId)
{
    public static StuckOrderResponse From(OrderInStage order, DateTimeOffset now) =>
        new(order.OrderId, order.Stage.ToName(), order.OwnerService, order.WaitingOn, order.Since, order.AgeAt(now), order.Limit, order.TraceId);
}
