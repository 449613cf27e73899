using Npgsql;

namespace Alexandrite.Messaging.Consuming;

/// <summary>What a handler knows about the delivery it handles.</summary>
public sealed record MessageContext(Guid MessageId, string MessageType, int Attempt, bool Redelivered, NpgsqlTransaction Transaction)
{
    public NpgsqlConnection Connection => Transaction.Connection!;
}
