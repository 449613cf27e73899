using RabbitMQ.Client.Exceptions;

namespace Alexandrite.Messaging;

/// <summary>A consuming service's queue as the broker sees it now: messages waiting for delivery, and the consumers taking them.</summary>
public sealed record QueueState(string Queue, uint Waiting, uint Consumers);

/// <summary>
/// Reads a service's queue with a passive declare (https://www.rabbitmq.com/docs/queues#passive-declaration), so
/// support's journey can say that a service takes nothing from its queue. Null when the broker cannot say now.
/// </summary>
public sealed class QueueStates(BrokerConnection broker)
{
    public async Task<QueueState?> OfServiceAsync(string service, CancellationToken cancellationToken)
    {
        var queue = MessagingTopology.QueueFor(service);
        if (!MessagingTopology.Queues.ContainsKey(queue))
        {
            return null;
        }

        try
        {
            var connection = await broker.GetAsync(cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return new QueueState(queue, declared.MessageCount, declared.ConsumerCount);
        }
        catch (Exception exception) when (exception is RabbitMQClientException or OperationInterruptedException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
