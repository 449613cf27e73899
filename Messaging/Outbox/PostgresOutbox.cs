using System.Text.Json;
using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Telemetry;
using Alexandrite.ServiceDefaults.Telemetry;
using Dapper;
using Npgsql;

namespace Alexandrite.Messaging.Outbox;

/// <summary>The outbox table of one service, plus a NOTIFY that PostgreSQL delivers only if the transaction commits.</summary>
internal sealed class PostgresOutbox(MessagingEndpoint endpoint, TimeProvider time) : IOutbox
{
    public static string WakeUpChannel(MessagingEndpoint endpoint) => endpoint.DatabaseSchema + "_outbox";

    public async Task EnqueueAsync<T>(NpgsqlTransaction transaction, T message, CancellationToken cancellationToken) where T : IOrderMessage<T>
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {endpoint.DatabaseSchema}.outbox_messages (id, message_type, order_id, payload, trace_context, created_at)
            VALUES (@Id, @MessageType, @OrderId, @Payload::jsonb, @TraceContext::jsonb, @CreatedAt);
            NOTIFY {WakeUpChannel(endpoint)};
            """,
            new
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                MessageType = T.MessageType,
                message.OrderId,
                Payload = MessageSerializer.SerializeToString(message),
                TraceContext = JsonSerializer.Serialize(TraceCarrier.CaptureCurrent()),
                CreatedAt = time.GetUtcNow(),
            },
            transaction,
            cancellationToken: cancellationToken));
    }
}
