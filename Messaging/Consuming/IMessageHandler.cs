using Alexandrite.Contracts.Messages;

namespace Alexandrite.Messaging.Consuming;

/// <summary>
/// Applies one message. It runs inside the delivery's database transaction (<see cref="MessageContext.Transaction"/>),
/// together with the inbox record and any outbox message it enqueues: all of it commits, or none.
/// Throwing makes the consumer retry; after the last attempt the delivery goes to the dead-letter queue.
/// </summary>
public interface IMessageHandler<in T> where T : IOrderMessage
{
    Task HandleAsync(T message, MessageContext context, CancellationToken cancellationToken);
}
