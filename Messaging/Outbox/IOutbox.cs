using Alexandrite.Contracts.Messages;
using Npgsql;

namespace Alexandrite.Messaging.Outbox;

/// <summary>
/// The transactional outbox (https://microservices.io/patterns/data/transactional-outbox.html): a message is
/// written in the same database transaction as the state change it announces, so neither exists without
/// the other; the relay publishes it once the transaction has committed, however long the broker is away.
/// </summary>
public interface IOutbox
{
    /// <summary>Adds <paramref name="message"/> to the outbox inside <paramref name="transaction"/>, with the current trace context.</summary>
    Task EnqueueAsync<T>(NpgsqlTransaction transaction, T message, CancellationToken cancellationToken) where T : IOrderMessage<T>;
}
