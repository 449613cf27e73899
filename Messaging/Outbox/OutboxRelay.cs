using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Alexandrite.Messaging.Telemetry;
using Alexandrite.ServiceDefaults.Telemetry;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using RabbitMQ.Client;

namespace Alexandrite.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox messages in order, as persistent messages with publisher confirms
/// (https://www.rabbitmq.com/docs/confirms#publisher-confirms), and marks each published only once the
/// broker has confirmed it. While the broker is away nothing is lost: the rows wait and the relay retries.
/// A crash between confirm and mark publishes a message twice; consumers' inboxes make that harmless.
/// </summary>
internal sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    BrokerConnection broker,
    MessagingEndpoint endpoint,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly MessagingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IChannel? channel = null;
        ListeningConnection? listener = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    listener ??= await ListenAsync(stoppingToken);
                    channel ??= await OpenConfirmingChannelAsync(stoppingToken);
                    if (await PublishBatchAsync(channel, stoppingToken) == 0)
                    {
                        // Woken by the NOTIFY of a committed enqueue, or by the poll interval as a safety net.
                        await listener.Connection.WaitAsync(_options.OutboxPollInterval, stoppingToken);
                    }
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRelayFailed(logger, endpoint.DatabaseSchema, exception);
                    await DisposeAsync(channel);
                    channel = null;
                    await DisposeAsync(listener);
                    listener = null;
                    await Task.Delay(_options.OutboxRetryDelay, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DisposeAsync(channel);
            await DisposeAsync(listener);
        }
    }

    private Task<ListeningConnection> ListenAsync(CancellationToken cancellationToken) =>
        ListeningConnection.OpenAsync(dataSource, PostgresOutbox.WakeUpChannel(endpoint), onNotification: null, cancellationToken);

    private async Task<IChannel> OpenConfirmingChannelAsync(CancellationToken cancellationToken)
    {
        var connection = await broker.GetAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await MessagingTopology.DeclareAsync(channel, cancellationToken);
        return channel;
    }

    private async Task<int> PublishBatchAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // SKIP LOCKED lets several instances of a service relay side by side without publishing a row twice. The relay's
        // own queries are untraced (each would be a root span twice a second, even idle); each publish has its span in
        // the trace of the message it sends.
        List<PendingMessage> pending;
        using (SuppressInstrumentationScope.Begin())
        {
            pending = (await connection.QueryAsync<PendingMessage>(new CommandDefinition(
                $"""
                SELECT id AS Id, message_type AS MessageType, order_id AS OrderId, payload::text AS Payload,
                       trace_context::text AS TraceContext, created_at AS CreatedAt
                FROM {endpoint.DatabaseSchema}.outbox_messages
                WHERE published_at IS NULL
                ORDER BY created_at, id
                LIMIT @Limit
                FOR UPDATE SKIP LOCKED
                """,
                new { Limit = _options.OutboxBatchSize },
                transaction,
                cancellationToken: cancellationToken))).AsList();
        }

        // The batch is published in one go and its confirms awaited together
        // (https://www.rabbitmq.com/tutorials/tutorial-seven-dotnet#strategy-2-publishing-messages-in-batches): awaiting
        // each confirm before the next publish held the relay to one broker round trip per message, and at 40 orders/s
        // the Shop's outbox fell hundreds of messages behind. The channel sends them in order, so the queue keeps it.
        // One UPDATE marks the batch rather than one per message, for the same reason.
        var publishes = new List<Task>(pending.Count);
        foreach (var message in pending)
        {
            publishes.Add(PublishAsync(channel, message, cancellationToken));
        }

        var confirmed = new List<Guid>(pending.Count);
        try
        {
            for (var i = 0; i < publishes.Count; i++)
            {
                await publishes[i];
                confirmed.Add(pending[i].Id);
            }
        }
        finally
        {
            // What the broker confirmed, up to the first publish that failed, is marked; the rest is published again.
            // The others still in flight are awaited first, so none outlives the transaction that holds its row.
            await Task.WhenAll(publishes).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (confirmed.Count > 0)
            {
                using var untraced = SuppressInstrumentationScope.Begin();
                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {endpoint.DatabaseSchema}.outbox_messages SET published_at = @Now, attempts = attempts + 1 WHERE id = ANY(@Ids)",
                    new { Now = time.GetUtcNow(), Ids = confirmed.ToArray() },
                    transaction,
                    cancellationToken: CancellationToken.None));
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        return confirmed.Count;
    }

    private async Task PublishAsync(IChannel channel, PendingMessage message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(message.Payload);
        var carrier = JsonSerializer.Deserialize<Dictionary<string, string>>(message.TraceContext) ?? [];
        var stored = TraceCarrier.Extract(carrier);
        using var activity = MessageTracing.StartPublish(message.MessageType, message.Id, message.OrderId, stored.Context, body.Length);
        MessageTracing.Restore(activity, stored.Baggage);

        var properties = new BasicProperties
        {
            MessageId = message.Id.ToString(),
            CorrelationId = message.OrderId.ToString(),
            Type = message.MessageType,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            AppId = endpoint.ServiceName,
            Timestamp = new AmqpTimestamp(new DateTimeOffset(message.CreatedAt, TimeSpan.Zero).ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?>
            {
                [MessageHeaders.PublishedAt] = MessageHeaders.FormatPublishedAt(time.GetUtcNow()),
            },
        };
        MessageTracing.Inject(activity, carrier, properties.Headers);

        try
        {
            // mandatory: a message no queue is bound for comes back as an error instead of vanishing.
            await channel.BasicPublishAsync(MessagingTopology.Exchange, message.MessageType, mandatory: true, properties, body, cancellationToken);
        }
        catch (Exception exception)
        {
            activity?.AddException(exception);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
    }

    private static async ValueTask DisposeAsync(IAsyncDisposable? disposable)
    {
        if (disposable is not null)
        {
            await disposable.DisposeAsync();
        }
    }

    private sealed record PendingMessage(Guid Id, string MessageType, Guid OrderId, string Payload, string TraceContext, DateTime CreatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox relay of {Schema} failed; it retries")]
    private static partial void LogRelayFailed(ILogger logger, string schema, Exception exception);
}
