using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Outbox;
using Alexandrite.ServiceDefaults.Telemetry;
using Dapper;
using Npgsql;

namespace Alexandrite.Mes.Api.Manufacturing;

/// <summary>
/// The shop floor: approved orders and the operator's steps. Each step is checked by the
/// <see cref="OrderLifecycle"/> and announced through the outbox in the same transaction.
/// </summary>
internal sealed class ManufacturingJobs(NpgsqlDataSource dataSource, IOutbox outbox, TimeProvider time)
{
    public async Task AddApprovedAsync(NpgsqlTransaction transaction, ManufacturingApproved approved, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO manufacturing_jobs (order_id, status, material, price, approved_at, updated_at, trace_context)
            VALUES (@OrderId, @Status, @Material, @Price, @Now, @Now, @TraceContext::jsonb)
            ON CONFLICT (order_id) DO NOTHING
            """,
            new { approved.OrderId, Status = OrderStatus.ManufacturingApproved.ToName(), approved.Material, approved.Price, Now = time.GetUtcNow(), TraceContext = TraceCarrier.CaptureCurrentAsJson() },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Moves the job to <paramref name="to"/> on the operator's word.</summary>
    /// <exception cref="OrderNotFoundException">No approved order has this id.</exception>
    /// <exception cref="IllegalTransitionException">The step does not follow the job's current status.</exception>
    public async Task AdvanceAsync(Guid orderId, OrderStatus to, string operatorId, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.ManufacturingStep(to), orderId, await OrderTraceAsync(orderId, cancellationToken));
        activity?.SetTag(SemanticAttributes.OrderOperatorId, operatorId);
        await dataSource.InTransactionAsync(async transaction =>
        {
            var current = await transaction.Connection!.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT status FROM manufacturing_jobs WHERE order_id = @orderId FOR UPDATE",
                new { orderId },
                transaction,
                cancellationToken: cancellationToken))
                ?? throw new OrderNotFoundException(orderId);

            var from = OrderStatusNames.Parse(current);
            OrderTelemetry.Transition(orderId, from, to);
            var now = time.GetUtcNow();
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "UPDATE manufacturing_jobs SET status = @To, operator_id = @operatorId, updated_at = @now WHERE order_id = @orderId",
                new { To = to.ToName(), operatorId, now, orderId },
                transaction,
                cancellationToken: cancellationToken));
            await outbox.EnqueueAsync(transaction, new ManufacturingProgressed(orderId, from.ToName(), to.ToName(), operatorId, now), cancellationToken);
        }, cancellationToken);
        activity.SetOutcome("ok");
    }

    private async Task<System.Diagnostics.ActivityContext> OrderTraceAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var carrier = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT trace_context::text FROM manufacturing_jobs WHERE order_id = @orderId", new { orderId }, cancellationToken: cancellationToken));
        return TraceCarrier.ExtractFromJson(carrier).Context;
    }

    /// <summary>The operator's work list: approved orders not yet shipped, oldest first.</summary>
    public async Task<IReadOnlyList<QueuedJob>> QueueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var jobs = await connection.QueryAsync<QueuedJob>(new CommandDefinition(
            """
            SELECT order_id AS OrderId, status AS Status, material AS Material, price AS Price, approved_at AS ApprovedAt, updated_at AS UpdatedAt
            FROM manufacturing_jobs WHERE status <> @Shipped ORDER BY approved_at
            """,
            new { Shipped = OrderStatus.Shipped.ToName() },
            cancellationToken: cancellationToken));
        return jobs.AsList();
    }
}

internal sealed record QueuedJob(Guid OrderId, string Status, string Material, decimal Price, DateTime ApprovedAt, DateTime UpdatedAt);
