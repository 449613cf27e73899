using System.Diagnostics;
using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Outbox;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.ServiceDefaults.Clients;
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
        Activity? activity = null;
        try
        {
            await dataSource.InTransactionAsync(async transaction =>
            {
                // The job and the order's trace are read together, under the row's lock, and the step's span starts
                // only then: read before the lock, a job MES queued in between (an operator who starts an order the
                // moment the shop shows it approved) would put the step in the operator's request trace, not the
                // order's. An order MES has not queued yet is a 404 with no business span.
                var job = await transaction.Connection!.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
                    "SELECT status AS Status, trace_context::text AS TraceContext FROM manufacturing_jobs WHERE order_id = @orderId FOR UPDATE",
                    new { orderId },
                    transaction,
                    cancellationToken: cancellationToken))
                    ?? throw new OrderNotFoundException(orderId);

                activity = OrderTelemetry.StartOperation(SpanNames.ManufacturingStep(to), orderId, TraceCarrier.ExtractFromJson(job.TraceContext).Context);
                activity?.SetTag(SemanticAttributes.OrderOperatorId, operatorId);
                var from = OrderStatusNames.Parse(job.Status);
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
        finally
        {
            activity?.Dispose();
        }
    }

    private sealed record JobRow(string Status, string? TraceContext);

    /// <summary>Jobs on a page of the operator's work list (approved orders not yet shipped), unless the caller asks for fewer.</summary>
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    /// <summary>
    /// One page of the operator's queue, oldest approval first: up to <paramref name="limit"/> jobs after the job
    /// <paramref name="after"/> (the last of the previous page), and whether more follow; null when no job has the id
    /// <paramref name="after"/>. A keyset on the partial index manufacturing_jobs_queue, so a page costs the same at
    /// the millionth job as at the first; two statements rather than "@after IS NULL OR ...", so each has a plan that
    /// uses the index, prepared or not.
    /// </summary>
    public async Task<(IReadOnlyList<QueuedJob> Jobs, bool More)?> QueueAsync(int limit, Guid? after, CancellationToken cancellationToken)
    {
        const string Select =
            "SELECT order_id AS OrderId, status AS Status, material AS Material, price AS Price, approved_at AS ApprovedAt, updated_at AS UpdatedAt " +
            "FROM manufacturing_jobs WHERE status <> 'SHIPPED' ";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (after is { } id && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM manufacturing_jobs WHERE order_id = @id)", new { id }, cancellationToken: cancellationToken)))
        {
            return null;
        }

        var jobs = (await connection.QueryAsync<QueuedJob>(new CommandDefinition(
            after is null
                ? Select + "ORDER BY approved_at, order_id LIMIT @Take"
                : Select + "AND (approved_at, order_id) > (SELECT approved_at, order_id FROM manufacturing_jobs WHERE order_id = @after) " +
                  "ORDER BY approved_at, order_id LIMIT @Take",
            new { after, Take = limit + 1 },
            cancellationToken: cancellationToken))).AsList();
        return KeysetPage.Of(jobs, limit);
    }
}

internal sealed record QueuedJob(Guid OrderId, string Status, string Material, decimal Price, DateTime ApprovedAt, DateTime UpdatedAt);
