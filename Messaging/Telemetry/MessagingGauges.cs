using Alexandrite.ServiceDefaults.Hosting;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;

namespace Alexandrite.Messaging.Telemetry;

/// <summary>
/// Refreshes the service's outbox and dead-letter-queue gauges every <see cref="MessagingOptions.GaugeRefreshInterval"/>:
/// one query on the outbox's partial index of unpublished rows, one passive declare of the DLQ. The gauges report
/// the last snapshot at each export, so the export interval (1 s in development) never turns into queries.
/// </summary>
internal sealed class MessagingGauges(
    NpgsqlDataSource dataSource,
    BrokerConnection broker,
    MessagingEndpoint endpoint,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<MessagingGauges> logger) : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => options.Value.GaugeRefreshInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        // The outbox first and on the database alone: it must report while the broker is away, when it grows.
        await RefreshOutboxAsync(cancellationToken);
        if (MessagingTopology.Queues.ContainsKey(endpoint.Queue))
        {
            await RefreshDeadLetterQueueAsync(cancellationToken);
        }
    }

    private async Task RefreshOutboxAsync(CancellationToken cancellationToken)
    {
        OutboxState state;
        // A poll is not an operation on an order: untraced, or every refresh would be a trace of its own.
        using (SuppressInstrumentationScope.Begin())
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            state = await connection.QuerySingleAsync<OutboxState>(new CommandDefinition(
                $"SELECT count(*) AS Backlog, min(created_at) AS Oldest FROM {endpoint.DatabaseSchema}.outbox_messages WHERE published_at IS NULL",
                cancellationToken: cancellationToken));
        }

        var oldestAge = state.Oldest is { } oldest ? Time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(oldest, DateTimeKind.Utc)) : TimeSpan.Zero;
        MessagingMetrics.ReportOutbox(state.Backlog, oldestAge);
    }

    /// <summary>
    /// While the broker is away the last depth stays reported: the messages are still there. The gauges never open the
    /// connection themselves; the relay does.
    /// </summary>
    private async Task RefreshDeadLetterQueueAsync(CancellationToken cancellationToken)
    {
        if (broker.TryGetOpen() is not { } connection)
        {
            return;
        }

        var deadLetterQueue = MessagingTopology.DeadLetterQueueFor(endpoint.Queue);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        MessagingMetrics.ReportDeadLetterQueue(deadLetterQueue, await channel.MessageCountAsync(deadLetterQueue, cancellationToken));
    }

    private sealed record OutboxState(long Backlog, DateTime? Oldest);
}
