using System.Diagnostics;
using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Inbox;
using Alexandrite.Messaging.Telemetry;
using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Alexandrite.Messaging.Consuming;

/// <summary>
/// Consumes the service's queue with manual acknowledgements (https://www.rabbitmq.com/docs/confirms).
/// Each delivery is handled in one database transaction with its inbox record; it is acknowledged only
/// after that commits. A failing handler is retried a bounded number of times with backoff; then, or at
/// once for a message that can never be handled, the delivery is rejected without requeue, which the
/// queue's dead-letter settings turn into a copy in its DLQ. A failed message is never acknowledged.
/// </summary>
internal sealed partial class OrderMessageConsumer(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    BrokerConnection broker,
    MessageHandlerRegistry handlers,
    Inbox.Inbox inbox,
    MessagingEndpoint endpoint,
    ConsumerSwitch consumerSwitch,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OrderMessageConsumer> logger) : BackgroundService
{
    private readonly MessagingOptions _options = options.Value;

    /// <summary>Held while a delivery is handled and settled, so pausing waits for it (deliveries come one at a time per channel).</summary>
    private readonly SemaphoreSlim _handling = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Until the first connection opens, each failure is retried here (the broker may be down when the service
        // starts); after that, the client's automatic recovery re-opens the channel and re-registers this consumer
        // after a broker restart.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await consumerSwitch.WhenRunningAsync(stoppingToken);
                var connection = await broker.GetAsync(stoppingToken);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                await MessagingTopology.DeclareAsync(channel, stoppingToken);
                await channel.BasicQosAsync(prefetchSize: 0, _options.PrefetchCount, global: false, stoppingToken);

                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => HandleDeliveryAsync(channel, delivery, stoppingToken);
                var consumerTag = await channel.BasicConsumeAsync(endpoint.Queue, autoAck: false, consumer, stoppingToken);
                LogConsuming(logger, endpoint.Queue, handlers.MessageTypes);

                // Until a demo pauses the consumer: no new deliveries, the one in hand finished and acknowledged,
                // then the channel closed, which returns what it holds unacknowledged to the queue
                // (https://www.rabbitmq.com/docs/confirms#automatic-requeueing), where it waits.
                await consumerSwitch.WhenPausedAsync(stoppingToken);
                await channel.BasicCancelAsync(consumerTag, cancellationToken: stoppingToken);
                await _handling.WaitAsync(stoppingToken);
                _handling.Release();
                await channel.CloseAsync(stoppingToken);
                consumerSwitch.ConfirmPaused();
                LogPaused(logger, endpoint.Queue);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogConsumerFailed(logger, endpoint.Queue, exception);
                await Task.Delay(_options.OutboxRetryDelay, time, stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        _handling.Dispose();
        base.Dispose();
    }

    private async Task HandleDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        // Paused: left unacknowledged, the delivery goes back to the queue when the channel closes.
        if (consumerSwitch.IsPaused)
        {
            return;
        }

        await _handling.WaitAsync(stoppingToken);
        try
        {
            await HandleAndSettleAsync(channel, delivery, stoppingToken);
        }
        finally
        {
            _handling.Release();
        }
    }

    private async Task HandleAndSettleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var properties = delivery.BasicProperties;
        var messageType = properties.Type ?? delivery.RoutingKey;
        // Missing or malformed ids stay Guid.Empty: a delivery without a message id is refused as poison below.
        var messageId = Guid.TryParse(properties.MessageId, out var parsedMessageId) ? parsedMessageId : Guid.Empty;
        var orderId = Guid.TryParse(properties.CorrelationId, out var parsedOrderId) ? parsedOrderId : Guid.Empty;
        var parent = MessageTracing.Extract(properties.Headers);
        if (MessageHeaders.GetPublishedAt(properties.Headers) is { } publishedAt)
        {
            MessagingMetrics.RecordQueueDelay(endpoint.Queue, messageType, time.GetUtcNow() - publishedAt);
        }

        // The consumer span is a child of the producer span carried in the headers: one trace per order.
        using var activity = MessageTracing.StartProcess(messageType, endpoint.Queue, messageId, orderId, parent.Context, delivery.Body.Length, delivery.DeliveryTag);
        MessageTracing.Restore(activity, parent.Baggage);
        var outcome = await HandleAsync(delivery, messageType, messageId, stoppingToken);
        activity?.SetTag(SemanticAttributes.MessagingOutcome, outcome);
        if (outcome is "dead-lettered")
        {
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, stoppingToken);
            MessagingMetrics.RecordDeadLettered(endpoint.Queue, messageType);
        }
        else
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
        }
    }

    /// <returns>"ok", "duplicate" or "dead-lettered".</returns>
    private async Task<string> HandleAsync(BasicDeliverEventArgs delivery, string messageType, Guid messageId, CancellationToken stoppingToken)
    {
        var activity = Activity.Current;
        IOrderMessage message;
        MessageHandlerRegistry.HandlerInvoker invoke;
        try
        {
            if (messageId == Guid.Empty)
            {
                throw new PoisonMessageException("The message has no message id, so a redelivery could not be recognised.");
            }

            (message, invoke) = handlers.Parse(messageType, delivery.Body);
        }
        catch (PoisonMessageException exception)
        {
            activity.RecordFailure(exception);
            LogPoison(logger, messageType, endpoint.Queue, exception);
            return "dead-lettered";
        }

        activity?.SetTag(SemanticAttributes.OrderId, message.OrderId.ToString());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await HandleOnceAsync(message, invoke, messageType, messageId, attempt, delivery.Redelivered, stoppingToken);
            }
            catch (Exception exception) when (attempt < _options.MaxHandlingAttempts && !IsPermanent(exception) && !stoppingToken.IsCancellationRequested)
            {
                activity.SetOutcome("retry");
                activity?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
                {
                    [SemanticAttributes.OrderAttempt] = attempt,
                    [SemanticAttributes.ErrorType] = exception.GetType().FullName,
                }));
                LogRetry(logger, messageType, message.OrderId, attempt, exception);
                await Task.Delay(_options.FirstRetryDelay * Math.Pow(2, attempt - 1), time, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                activity.RecordFailure(exception);
                LogDeadLettered(logger, messageType, message.OrderId, attempt, exception);
                return "dead-lettered";
            }
        }
    }

    private async Task<string> HandleOnceAsync(IOrderMessage message, MessageHandlerRegistry.HandlerInvoker invoke, string messageType, Guid messageId, int attempt, bool redelivered, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await inbox.TryRecordAsync(transaction, messageId, messageType, message.OrderId, time.GetUtcNow(), cancellationToken))
        {
            LogDuplicate(logger, messageType, messageId, message.OrderId);
            return "duplicate";
        }

        await using var scope = scopes.CreateAsyncScope();
        await invoke(scope.ServiceProvider, message, new MessageContext(messageId, messageType, attempt, redelivered, transaction), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return "ok";
    }

    /// <summary>Failures another attempt cannot change: the message contradicts the order's state.</summary>
    private static bool IsPermanent(Exception exception) =>
        exception is PoisonMessageException or IllegalTransitionException or OrderNotFoundException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue} for {MessageTypes}")]
    private static partial void LogConsuming(ILogger logger, string queue, IReadOnlyCollection<string> messageTypes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming {Queue} is paused: its messages wait in the queue until it is resumed")]
    private static partial void LogPaused(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The consumer of {Queue} failed to start; it retries")]
    private static partial void LogConsumerFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {MessageType} delivery on {Queue} can never be handled; it goes to the dead-letter queue")]
    private static partial void LogPoison(ILogger logger, string messageType, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {MessageType} for order {OrderId} failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, string messageType, Guid orderId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {MessageType} for order {OrderId} failed {Attempts} times; it goes to the dead-letter queue")]
    private static partial void LogDeadLettered(ILogger logger, string messageType, Guid orderId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageType} {MessageId} for order {OrderId} was already applied; skipped")]
    private static partial void LogDuplicate(ILogger logger, string messageType, Guid messageId, Guid orderId);
}
