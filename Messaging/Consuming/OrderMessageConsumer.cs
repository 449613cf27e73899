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
/// after that commits. A failure that can pass (the database, the broker, storage, a peer) is retried a few times
/// at once, then the message waits in the retry queue and comes back, with growing delays, for as long as
/// Messaging:RetryFor allows, while the queue's other messages go on. A message that can never apply goes to the
/// dead-letter queue at once, with the reason in its headers. A failed delivery is acknowledged only once its copy
/// is confirmed in the retry or dead-letter queue (<see cref="FailedDeliveries"/>).
/// </summary>
internal sealed partial class OrderMessageConsumer(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    BrokerConnection broker,
    MessageHandlerRegistry handlers,
    Inbox.Inbox inbox,
    MessagingEndpoint endpoint,
    ConsumerSwitch consumerSwitch,
    FailedDeliveries failedDeliveries,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OrderMessageConsumer> logger) : BackgroundService
{
    private readonly MessagingOptions _options = options.Value;

    /// <summary>
    /// One per delivery in hand, up to Messaging:ConsumerConcurrency: the next delivery waits for one (and the broker
    /// holds the rest, up to the prefetch), and pausing takes them all, so it waits for every delivery in hand.
    /// </summary>
    private readonly SemaphoreSlim _slots = new(options.Value.ConsumerConcurrency, options.Value.ConsumerConcurrency);

    /// <summary>Deliveries of different orders are handled side by side; of one order, one at a time and in order.</summary>
    private readonly OrderLanes _lanes = new();

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
                // Publisher confirms: a failed delivery's copy (retry or dead-letter queue) is confirmed before the
                // delivery is acknowledged.
                await using var channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
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
                await WhenIdleAsync(stoppingToken);
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
        _slots.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Called by the client for each delivery, one at a time: takes a slot, hands a copy of the delivery to its order's
    /// lane and returns, so the client can dispatch the next delivery, of another order, while this one is handled.
    /// </summary>
    private async Task HandleDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        // Paused: left unacknowledged, the delivery goes back to the queue when the channel closes.
        if (consumerSwitch.IsPaused)
        {
            return;
        }

        await _slots.WaitAsync(stoppingToken);
        if (consumerSwitch.IsPaused)
        {
            _slots.Release();
            return;
        }

        // The body is the client's buffer only until this returns (BasicDeliverEventArgs.Body): the lane gets a copy.
        var held = new BasicDeliverEventArgs(delivery.ConsumerTag, delivery.DeliveryTag, delivery.Redelivered, delivery.Exchange,
            delivery.RoutingKey, delivery.BasicProperties, delivery.Body.ToArray(), stoppingToken);
        var lane = Guid.TryParse(delivery.BasicProperties.CorrelationId, out var orderId) ? orderId : Guid.Empty;
        _ = _lanes.RunAsync(lane, () => HandleHeldAsync(channel, held, stoppingToken));
    }

    /// <summary>Handles and settles one delivery in its order's lane; never throws, and gives its slot back.</summary>
    private async Task HandleHeldAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        try
        {
            await HandleAndSettleAsync(channel, delivery, stoppingToken);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the delivery is not acknowledged, so the broker requeues it when the channel closes.
        }
        catch (Exception exception)
        {
            // The failed delivery's copy could not be placed (the broker refused it or went away): the delivery
            // goes back to the queue, after a pause so a broker in trouble is not hammered. If the channel is gone,
            // the broker requeues it by itself.
            LogSettleFailed(logger, endpoint.Queue, exception);
            await RequeueAsync(channel, delivery, stoppingToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task RequeueAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(_options.RetryDelay, time, stoppingToken);
            if (channel.IsOpen)
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, stoppingToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
        {
            // Stopping, or the channel closed meanwhile: either way the broker requeues the unacknowledged delivery.
        }
    }

    /// <summary>Waits until no delivery is in hand (every slot free), then frees them again.</summary>
    private async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        for (var taken = 0; taken < _options.ConsumerConcurrency; taken++)
        {
            await _slots.WaitAsync(cancellationToken);
        }

        _slots.Release(_options.ConsumerConcurrency);
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
        var result = await HandleAsync(delivery, messageType, messageId, stoppingToken);
        var outcome = await SettleFailureAsync(channel, delivery, messageType, result, stoppingToken);
        activity?.SetTag(SemanticAttributes.MessagingOutcome, outcome);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
    }

    /// <summary>
    /// For a failed delivery, its copy in the retry or the dead-letter queue (confirmed, so the delivery can be
    /// acknowledged); returns the outcome: "ok", "duplicate", "retry-later" or "dead-lettered".
    /// </summary>
    private async Task<string> SettleFailureAsync(IChannel channel, BasicDeliverEventArgs delivery, string messageType, HandlingResult result, CancellationToken stoppingToken)
    {
        if (result.Failure is not { } failure)
        {
            return result.Outcome;
        }

        var orderId = result.OrderId;
        if (!result.Permanent)
        {
            var decision = await failedDeliveries.RetryLaterAsync(channel, delivery, Describe(failure), stoppingToken);
            if (decision.Retried)
            {
                LogRetryLater(logger, messageType, orderId, decision.FailedDeliveries, decision.Delay, failure);
                return "retry-later";
            }

            var reason = $"Still failing after {decision.FailedDeliveries} deliveries over {_options.RetryFor} (Messaging:RetryFor): {Describe(failure)}";
            await failedDeliveries.DeadLetterAsync(channel, delivery, reason, stoppingToken);
            LogGaveUp(logger, messageType, orderId, decision.FailedDeliveries, failure);
        }
        else
        {
            await failedDeliveries.DeadLetterAsync(channel, delivery, Describe(failure), stoppingToken);
            LogPoison(logger, messageType, endpoint.Queue, orderId, failure);
        }

        MessagingMetrics.RecordDeadLettered(endpoint.Queue, messageType);
        return "dead-lettered";
    }

    private async Task<HandlingResult> HandleAsync(BasicDeliverEventArgs delivery, string messageType, Guid messageId, CancellationToken stoppingToken)
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
            return new HandlingResult("dead-lettered", Guid.TryParse(delivery.BasicProperties.CorrelationId, out var orderId) ? orderId : Guid.Empty, exception, Permanent: true);
        }

        activity?.SetTag(SemanticAttributes.OrderId, message.OrderId.ToString());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new HandlingResult(await HandleOnceAsync(message, invoke, messageType, messageId, attempt, delivery.Redelivered, stoppingToken), message.OrderId, null, false);
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
                return new HandlingResult("failed", message.OrderId, exception, IsPermanent(exception));
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

    /// <summary>
    /// Failures another attempt cannot change: the message does not parse, names no known order, or asks for a
    /// status the order is past. A status later than the order's next one is not among them: an earlier message of
    /// the order is still on its way (waiting in the retry queue, say), and this one applies once that has.
    /// </summary>
    private static bool IsPermanent(Exception exception) => exception switch
    {
        IllegalTransitionException illegal => !OrderLifecycle.IsLaterStage(illegal.From, illegal.To),
        _ => exception is PoisonMessageException or OrderNotFoundException,
    };

    /// <summary>The failure in words for support (the dead-letter queue's reason): the exception's type and message.</summary>
    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";

    /// <param name="Outcome">"ok" or "duplicate" when handled; otherwise see <paramref name="Failure"/>.</param>
    /// <param name="Permanent">The failure can never pass: dead-letter at once.</param>
    private sealed record HandlingResult(string Outcome, Guid OrderId, Exception? Failure, bool Permanent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue} for {MessageTypes}")]
    private static partial void LogConsuming(ILogger logger, string queue, IReadOnlyCollection<string> messageTypes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming {Queue} is paused: its messages wait in the queue until it is resumed")]
    private static partial void LogPaused(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The consumer of {Queue} failed to start; it retries")]
    private static partial void LogConsumerFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {MessageType} delivery on {Queue} for order {OrderId} can never be handled; it goes to the dead-letter queue")]
    private static partial void LogPoison(ILogger logger, string messageType, string queue, Guid orderId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {MessageType} for order {OrderId} failed ({FailedDeliveries} deliveries so far); it comes back in {Delay}")]
    private static partial void LogRetryLater(ILogger logger, string messageType, Guid orderId, int failedDeliveries, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {MessageType} for order {OrderId} failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, string messageType, Guid orderId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {MessageType} for order {OrderId} still fails after {FailedDeliveries} deliveries; it goes to the dead-letter queue")]
    private static partial void LogGaveUp(ILogger logger, string messageType, Guid orderId, int failedDeliveries, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed delivery on {Queue} could not be moved to its retry or dead-letter queue; it goes back to the queue")]
    private static partial void LogSettleFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageType} {MessageId} for order {OrderId} was already applied; skipped")]
    private static partial void LogDuplicate(ILogger logger, string messageType, Guid messageId, Guid orderId);
}
