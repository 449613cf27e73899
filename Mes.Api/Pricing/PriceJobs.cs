using Alexandrite.ServiceDefaults.Telemetry;
using Dapper;
using Npgsql;
using OpenTelemetry;

namespace Alexandrite.Mes.Api.Pricing;

/// <summary>The price_jobs table: queued by the OrderSubmitted handler, claimed and advanced by the worker.</summary>
internal sealed class PriceJobs(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns =
        "order_id AS OrderId, file_id AS FileId, material AS Material, attempts AS Attempts, polygons AS Polygons, " +
        "volume AS Volume, planned_ms AS PlannedMs, progress_ms AS ProgressMs, trace_context::text AS TraceContext";

    /// <summary>This process, as price_jobs.claimed_by records it: unique among the instances sharing the table.</summary>
    private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>Queues a calculation in the delivery's transaction, with the trace it belongs to. A second submit of the same order is ignored.</summary>
    public async Task QueueAsync(NpgsqlTransaction transaction, Guid orderId, string fileId, string material, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO price_jobs (order_id, file_id, material, status, trace_context, created_at)
            VALUES (@orderId, @fileId, @material, 'pending', @TraceContext::jsonb, @Now)
            ON CONFLICT (order_id) DO NOTHING;
            NOTIFY {PriceJobWakeUp.Channel};
            """,
            new { orderId, fileId, material, TraceContext = TraceCarrier.CaptureCurrentAsJson(), Now = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Takes the oldest job that is waiting, or running under a lease that has expired (its process died),
    /// and leases it. SKIP LOCKED lets several MES instances share the table.
    /// </summary>
    public async Task<PriceJob?> ClaimNextAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        // Untraced: a claim is in no order's trace (the job's own span, in its order's trace, begins once it is
        // claimed), and a search that finds nothing would be a root span of its own at every poll, even idle.
        using var untraced = SuppressInstrumentationScope.Begin();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await connection.QuerySingleOrDefaultAsync<PriceJob>(new CommandDefinition(
            $"""
            UPDATE price_jobs SET status = 'running', attempts = attempts + 1, lease_until = @LeaseUntil,
                                  started_at = COALESCE(started_at, @Now), claimed_by = @Instance
            WHERE order_id = (
                SELECT order_id FROM price_jobs
                WHERE status = 'pending' OR (status = 'running' AND lease_until < @Now)
                ORDER BY created_at LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """,
            new { Now = now, LeaseUntil = now + lease, Instance },
            cancellationToken: cancellationToken));
    }

    public async Task PlanAsync(Guid orderId, long polygons, double volume, TimeSpan planned, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            // The model was read: whatever kept the job waiting before (last_problem) is over.
            "UPDATE price_jobs SET polygons = @polygons, volume = @volume, planned_ms = @PlannedMs, last_problem = NULL WHERE order_id = @orderId",
            new { orderId, polygons, volume, PlannedMs = (long)planned.TotalMilliseconds },
            cancellationToken: cancellationToken));
    }

    /// <summary>Saves progress and renews the lease; <paramref name="lease"/> zero hands the job back at once (shutdown).</summary>
    public async Task CheckpointAsync(Guid orderId, long progressMs, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE price_jobs SET progress_ms = @progressMs, lease_until = @LeaseUntil WHERE order_id = @orderId AND status = 'running'",
            new { orderId, progressMs, LeaseUntil = time.GetUtcNow() + lease },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Hands a job back to be tried again after <paramref name="delay"/>, with why (<paramref name="problem"/>, for
    /// support's journey): what stopped it says nothing about the model, so the job must not fail.
    /// </summary>
    public async Task PostponeAsync(Guid orderId, TimeSpan delay, string problem, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE price_jobs SET lease_until = @RetryAt, last_problem = @problem, last_problem_at = @now
            WHERE order_id = @orderId AND status = 'running'
            """,
            new { orderId, RetryAt = now + delay, problem, now },
            cancellationToken: cancellationToken));
    }

    /// <summary>The order's calculation as support reads it; null when MES has not taken the order's message yet.</summary>
    public async Task<PriceJobAccount?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PriceJobAccount>(new CommandDefinition(
            """
            SELECT order_id AS OrderId, status AS Status, attempts AS Attempts, progress_ms AS ProgressMs, planned_ms AS PlannedMs,
                   last_problem AS LastProblem, last_problem_at AS LastProblemAt, created_at AS CreatedAt, started_at AS StartedAt,
                   finished_at AS FinishedAt, claimed_by AS ClaimedBy
            FROM price_jobs WHERE order_id = @orderId
            """,
            new { orderId },
            cancellationToken: cancellationToken));
    }

    public static async Task CompleteAsync(NpgsqlTransaction transaction, Guid orderId, decimal price, string currency, DateTimeOffset now, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE price_jobs SET status = 'done', outcome = 'ok', price = @price, currency = @currency, finished_at = @now,
                                  progress_ms = COALESCE(planned_ms, progress_ms), lease_until = NULL, last_problem = NULL
            WHERE order_id = @orderId
            """,
            new { orderId, price, currency, now },
            transaction,
            cancellationToken: cancellationToken));

    public static async Task FailAsync(NpgsqlTransaction transaction, Guid orderId, string outcome, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE price_jobs SET status = 'failed', outcome = @outcome, failure_reason = @reason, finished_at = @now, lease_until = NULL,
                                  last_problem = NULL
            WHERE order_id = @orderId
            """,
            new { orderId, outcome, reason, now },
            transaction,
            cancellationToken: cancellationToken));
}
