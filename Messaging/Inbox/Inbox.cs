using Dapper;
using Npgsql;

namespace Alexandrite.Messaging.Inbox;

/// <summary>
/// The idempotent-consumer record (https://microservices.io/patterns/communication-style/idempotent-consumer.html):
/// a delivery's message id is inserted in the same transaction as its effects, so a redelivery or a
/// duplicate publish finds the id already there and changes nothing.
/// </summary>
internal sealed class Inbox(MessagingEndpoint endpoint)
{
    /// <summary>False when this consumer already applied the message.</summary>
    public async Task<bool> TryRecordAsync(NpgsqlTransaction transaction, Guid messageId, string messageType, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inserted = await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {endpoint.DatabaseSchema}.inbox_messages (message_id, consumer, message_type, order_id, received_at)
            VALUES (@MessageId, @Consumer, @MessageType, @OrderId, @Now)
            ON CONFLICT DO NOTHING
            """,
            new { MessageId = messageId, Consumer = endpoint.Queue, MessageType = messageType, OrderId = orderId, Now = now },
            transaction,
            cancellationToken: cancellationToken));
        return inserted == 1;
    }
}
