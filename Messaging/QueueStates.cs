namespace Alexandrite.Messaging;

/// <summary>A consuming service's queue as the broker sees it now: messages waiting for delivery, and the consumers taking them.</summary>
public sealed record QueueState(string Queue, uint Waiting, uint Consumers);

/// <summary>
/// Reads a service's queue with a passive declare (https://www.rabbitmq.com/docs/queues#passive-declaration), so
/// support's journey can say that a service takes nothing from its queue. Null when the broker cannot say now: it
/// uses the service's connection only if it is open (never opening one, which retries), and gives up after
/// <see cref="Deadline"/>.
/// </summary>
public sealed class QueueStates(BrokerConnection broker)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    public async Task<QueueState?> OfServiceAsync(string service, CancellationToken cancellationToken)
    {
        var queue = MessagingTopology.QueueFor(service);
        if (!MessagingTopology.Queues.ContainsKey(queue) || broker.TryGetOpen() is not { } connection)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: deadline.Token);
            var declared = await channel.QueueDeclarePassiveAsync(queue, deadline.Token);
            return new QueueState(queue, declared.MessageCount, declared.ConsumerCount);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A missing queue (404 closes the channel), a broker going away, a timeout: nothing to say about the queue.
            return null;
        }
    }
}
