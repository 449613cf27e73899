using Alexandrite.Messaging.Consuming;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Alexandrite.Messaging.DeadLetters;

/// <summary>
/// Support's view of every dead-letter queue of the topology (<see cref="MessagingTopology"/>): what each holds, and
/// sending one message or all of them back to the queue they came from. RabbitMQ cannot browse a queue, so a
/// listing takes each message without acknowledging it and closes the channel, which puts them all back
/// (https://www.rabbitmq.com/docs/confirms#automatic-requeueing); one listing or redrive runs at a time.
/// </summary>
public sealed partial class DeadLetterQueues(BrokerConnection broker, TimeProvider time, ILogger<DeadLetterQueues> logger) : IDisposable
{
    /// <summary>Most messages read from one dead-letter queue per listing: a bound for a queue gone wild.</summary>
    public const int MaxListedPerQueue = 1000;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>What every dead-letter queue holds, oldest first per queue.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = await broker.GetAsync(cancellationToken);
            var found = new List<DeadLetter>();
            foreach (var queue in MessagingTopology.Queues.Keys)
            {
                // Closing the channel unacknowledged returns what it took, in order.
                await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                await foreach (var message in TakeAsync(channel, queue, cancellationToken))
                {
                    found.Add(DeadLetter.From(queue, message.BasicProperties));
                }

                await channel.CloseAsync(cancellationToken);
            }

            return found;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Sends the dead letters with <paramref name="messageId"/> (all when null) back to the queue they were
    /// dead-lettered from, without their failure headers and with who did it (<paramref name="by"/>); each is
    /// published with a publisher confirm before it is taken off the dead-letter queue. Returns what was sent.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> RedriveAsync(Guid? messageId, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = await broker.GetAsync(cancellationToken);
            var redriven = new List<DeadLetter>();
            foreach (var queue in MessagingTopology.Queues.Keys)
            {
                await using var channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
                await foreach (var message in TakeAsync(channel, queue, cancellationToken))
                {
                    var deadLetter = DeadLetter.From(queue, message.BasicProperties);
                    if (messageId is { } wanted && deadLetter.MessageId != wanted)
                    {
                        continue; // Left unacknowledged: back in the dead-letter queue when the channel closes.
                    }

                    var properties = FailedDeliveries.CopyOf(message.BasicProperties);
                    foreach (var header in MessageHeaders.FailureHeaders)
                    {
                        properties.Headers!.Remove(header);
                    }

                    properties.Headers!.Remove("x-death");
                    properties.Headers[MessageHeaders.RedrivenBy] = by;
                    properties.Headers[MessageHeaders.RedrivenAt] = MessageHeaders.FormatTime(time.GetUtcNow());
                    await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, cancellationToken);
                    await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                    LogRedriven(logger, deadLetter.MessageType, deadLetter.OrderId, queue, by);
                    redriven.Add(deadLetter);
                }

                await channel.CloseAsync(cancellationToken);
            }

            return redriven;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// The messages <paramref name="queue"/>'s dead-letter queue holds now, unacknowledged, oldest first: as many as it
    /// held when asked (at most <see cref="MaxListedPerQueue"/>), so a message that fails again while a redrive runs,
    /// and lands at the queue's tail, is not taken a second time.
    /// </summary>
    private static async IAsyncEnumerable<BasicGetResult> TakeAsync(
        IChannel channel, string queue, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var deadLetterQueue = MessagingTopology.DeadLetterQueueFor(queue);
        var held = Math.Min(await channel.MessageCountAsync(deadLetterQueue, cancellationToken), MaxListedPerQueue);
        for (var taken = 0; taken < held && await channel.BasicGetAsync(deadLetterQueue, autoAck: false, cancellationToken) is { } message; taken++)
        {
            yield return message;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{MessageType} for order {OrderId} sent back from the dead-letter queue to {Queue} by {User}")]
    private static partial void LogRedriven(ILogger logger, string messageType, Guid orderId, string queue, string user);
}
