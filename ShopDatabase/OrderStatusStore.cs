using System.Diagnostics;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Telemetry;
using Dapper;
using Npgsql;

namespace Alexandrite.ShopDatabase;

/// <summary>
/// The one place where an order's status changes in the Shop DB. It locks the order row, asks the
/// <see cref="OrderLifecycle"/> whether the change is legal, writes the new status and the history entry (with
/// the trace it happened in), all inside the caller's transaction, so a refused change writes nothing. Each change is
/// announced (<see cref="OrderChange"/>, a NOTIFY in the same transaction) so open pages follow it when it commits.
/// </summary>
public sealed class OrderStatusStore(TimeProvider time)
{
    /// <summary>Records the first status of a new order, inserted by the caller in the same transaction.</summary>
    public Task RecordCreatedAsync(NpgsqlTransaction transaction, Guid orderId, StatusActor actor, CancellationToken cancellationToken)
    {
        OrderTelemetry.RecordTransition(from: null, OrderStatus.Initiated);
        OrderMetrics.RecordTransition(from: null, OrderStatus.Initiated, timeInFrom: null);
        return InsertHistoryAsync(transaction, orderId, from: null, OrderStatus.Initiated, actor, reason: null, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Moves the order to <paramref name="to"/>.</summary>
    /// <exception cref="OrderNotFoundException">No order has this id.</exception>
    /// <exception cref="IllegalTransitionException">The lifecycle does not allow the change.</exception>
    public async Task<StatusChange> TransitionAsync(NpgsqlTransaction transaction, Guid orderId, OrderStatus to, StatusActor actor, string? reason, CancellationToken cancellationToken)
    {
        var (from, since) = await LockAsync(transaction, orderId, cancellationToken);
        OrderTelemetry.Transition(orderId, from, to);

        var now = time.GetUtcNow();
        // Counted here, the one place statuses change, so Shop.Api and Crm.Api count alike. The change is only
        // written, not yet committed: a change rolled back with a failed handler that is then retried counts twice.
        OrderMetrics.RecordTransition(from, to, now - since);
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE orders SET status = @To, status_reason = @Reason, updated_at = @Now WHERE id = @orderId",
            new { To = to.ToName(), Reason = reason, Now = now, orderId },
            transaction,
            cancellationToken: cancellationToken));
        return await InsertHistoryAsync(transaction, orderId, from, to, actor, reason, now, cancellationToken);
    }

    /// <summary>
    /// Announces a change of the order that is not a new status (a replaced model), in the caller's transaction: pages
    /// that show the order fetch it again when the transaction commits.
    /// </summary>
    public Task AnnounceChangeAsync(NpgsqlTransaction transaction, Guid orderId, OrderStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            NotifySql, NotifyParameters(OrderChange.Of(orderId, status.ToName(), time.GetUtcNow())), transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The order's current status, locked for the rest of the transaction.</summary>
    /// <exception cref="OrderNotFoundException">No order has this id.</exception>
    public static async Task<OrderStatus> LockStatusAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        (await LockAsync(transaction, orderId, cancellationToken)).Status;

    /// <summary>The order's current status and since when it has had it (updated_at changes only with the status), locked.</summary>
    private static async Task<(OrderStatus Status, DateTimeOffset Since)> LockAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<StatusRow>(new CommandDefinition(
            "SELECT status AS Status, updated_at AS UpdatedAt FROM orders WHERE id = @orderId FOR UPDATE",
            new { orderId },
            transaction,
            cancellationToken: cancellationToken));
        return row is null
            ? throw new OrderNotFoundException(orderId)
            : (OrderStatusNames.Parse(row.Status), new DateTimeOffset(DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc)));
    }

    /// <summary>The order's trace, to parent a later operation on the order; default when the order is unknown.</summary>
    public static async Task<ActivityContext> OrderTraceAsync(NpgsqlDataSource dataSource, Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var carrier = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT trace_context::text FROM orders WHERE id = @orderId", new { orderId }, cancellationToken: cancellationToken));
        return TraceCarrier.ExtractFromJson(carrier).Context;
    }

    public static async Task<IReadOnlyList<StatusChange>> HistoryAsync(NpgsqlConnection connection, Guid orderId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            """
            SELECT from_status AS FromStatus, to_status AS ToStatus, changed_at AS ChangedAt, changed_by AS ChangedBy,
                   actor_id AS ActorId, reason AS Reason, trace_id AS TraceId
            FROM order_status_history WHERE order_id = @orderId ORDER BY id
            """,
            new { orderId },
            cancellationToken: cancellationToken));
        return rows.Select(row => row.ToChange()).ToList();
    }

    private static async Task<StatusChange> InsertHistoryAsync(NpgsqlTransaction transaction, Guid orderId, OrderStatus? from, OrderStatus to, StatusActor actor, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var traceId = Activity.Current?.TraceId.ToHexString();

        // The history entry and the announcement in one command (one round trip, one span): every status an order takes,
        // its first included, passes here.
        var parameters = new DynamicParameters(new { orderId, From = from?.ToName(), To = to.ToName(), now, actor.Service, actor.ActorId, reason, traceId });
        parameters.AddDynamicParams(NotifyParameters(OrderChange.Of(orderId, to.ToName(), now)));
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO order_status_history (order_id, from_status, to_status, changed_at, changed_by, actor_id, reason, trace_id)
            VALUES (@orderId, @From, @To, @now, @Service, @ActorId, @reason, @traceId);
            {NotifySql}
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken));
        return new StatusChange(from, to, now, actor.Service, actor.ActorId, reason, traceId);
    }

    /// <summary>pg_notify rather than NOTIFY, which takes no parameters; delivered on commit.</summary>
    private const string NotifySql = "SELECT pg_notify(@Channel, @Payload);";

    private static object NotifyParameters(OrderChange change) => new { Channel = OrderChange.Channel, Payload = change.ToPayload() };

    private sealed record StatusRow(string Status, DateTime UpdatedAt);

    private sealed record HistoryRow(string? FromStatus, string ToStatus, DateTime ChangedAt, string ChangedBy, string ActorId, string? Reason, string? TraceId)
    {
        public StatusChange ToChange() => new(
            FromStatus is null ? null : OrderStatusNames.Parse(FromStatus),
            OrderStatusNames.Parse(ToStatus),
            new DateTimeOffset(DateTime.SpecifyKind(ChangedAt, DateTimeKind.Utc)),
            ChangedBy, ActorId, Reason, TraceId);
    }
}
