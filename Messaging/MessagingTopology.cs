using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using RabbitMQ.Client;

namespace Alexandrite.Messaging;

/// <summary>
/// The whole broker topology in one place, declared idempotently by every service at start, so a message is
/// routable even while its consumer has never run (see docs/messaging.md):
/// one durable topic exchange for order messages, routed by message type; one durable queue per consuming
/// service, bound to the types it handles; for each queue a dead-letter queue, reached through a
/// dead-letter exchange (https://www.rabbitmq.com/docs/dlx), and a retry queue where a message whose handling
/// failed for a reason that can pass waits out its delay (per-message TTL, https://www.rabbitmq.com/docs/ttl)
/// before it is dead-lettered back into its queue through the default exchange.
/// </summary>
public static class MessagingTopology
{
    public const string Exchange = "alexandrite.orders";

    public const string DeadLetterExchange = "alexandrite.orders.dead-letter";

    /// <summary>Each consuming service's queue and the message types bound to it.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Queues = new Dictionary<string, IReadOnlyList<string>>
    {
        [QueueFor(ResourceNames.MesApi)] = [OrderSubmitted.MessageType, ManufacturingApproved.MessageType],
        [QueueFor(ResourceNames.CrmApi)] = [PriceCalculated.MessageType, PriceCalculationFailed.MessageType, ManufacturingProgressed.MessageType],
    };

    public static string QueueFor(string service) => service + ".orders";

    public static string DeadLetterQueueFor(string queue) => queue + ".dlq";

    public static string RetryQueueFor(string queue) => queue + ".retry";

    /// <summary>The service that consumes <paramref name="queue"/> (the inverse of <see cref="QueueFor"/>).</summary>
    public static string ServiceOf(string queue) => queue[..queue.LastIndexOf('.')];

    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);

        foreach (var (queue, messageTypes) in Queues)
        {
            var deadLetterQueue = DeadLetterQueueFor(queue);
            await channel.QueueDeclareAsync(deadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(deadLetterQueue, DeadLetterExchange, routingKey: queue, cancellationToken: cancellationToken);

            // Expired messages (each carries its own delay as its expiration) go back to the queue they came from.
            await channel.QueueDeclareAsync(RetryQueueFor(queue), durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
            {
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = queue,
            }, cancellationToken: cancellationToken);

            // A rejected delivery (basic.nack, requeue false) is re-published to the dead-letter exchange with
            // the queue's name as routing key, which lands it in this queue's own DLQ.
            var arguments = new Dictionary<string, object?>
            {
                ["x-dead-letter-exchange"] = DeadLetterExchange,
                ["x-dead-letter-routing-key"] = queue,
            };
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
            foreach (var messageType in messageTypes)
            {
                await channel.QueueBindAsync(queue, Exchange, routingKey: messageType, cancellationToken: cancellationToken);
            }
        }
    }
}
