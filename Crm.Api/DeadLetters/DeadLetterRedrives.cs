using Alexandrite.Messaging.DeadLetters;
using Dapper;
using Npgsql;

namespace Alexandrite.Crm.Api.DeadLetters;

/// <summary>
/// Support sends dead letters back (<see cref="DeadLetterQueues.RedriveAsync"/>), and each one is recorded with who
/// did it and why the message had failed, so the order's journey shows it next to the statuses.
/// </summary>
internal sealed partial class DeadLetterRedrives(DeadLetterQueues queues, DeadLetterPlaces places, NpgsqlDataSource dataSource, TimeProvider time, ILogger<DeadLetterRedrives> logger)
{
    /// <summary>Sends back the dead letter with <paramref name="messageId"/>, or all of them when null; returns what went.</summary>
    public async Task<IReadOnlyList<DeadLetter>> RedriveAsync(Guid? messageId, string by, CancellationToken cancellationToken)
    {
        var redriven = await queues.RedriveAsync(messageId, by, cancellationToken);
        places.Forget();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var now = time.GetUtcNow();
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO crm.dead_letter_redrives (order_id, message_id, message_type, queue, reason, redriven_by, redriven_at)
                VALUES (@OrderId, @MessageId, @MessageType, @Queue, @Reason, @By, @Now)
                """,
                redriven.Select(letter => new { letter.OrderId, letter.MessageId, letter.MessageType, letter.Queue, letter.Reason, By = by, Now = now }),
                cancellationToken: cancellationToken));
        }
        catch (NpgsqlException exception)
        {
            // The messages are back in their queues either way; only the journey's note is missing (the log has it).
            LogNotRecorded(logger, redriven.Count, exception);
        }

        return redriven;
    }

    /// <summary>The order's redrives, oldest first, for its journey.</summary>
    public static async Task<IReadOnlyList<Redrive>> ForOrderAsync(NpgsqlConnection connection, Guid orderId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<RedriveRow>(new CommandDefinition(
            """
            SELECT message_type AS MessageType, queue AS Queue, reason AS Reason, redriven_by AS RedrivenBy, redriven_at AS RedrivenAt
            FROM crm.dead_letter_redrives WHERE order_id = @orderId ORDER BY id
            """,
            new { orderId },
            cancellationToken: cancellationToken)))
        .Select(row => new Redrive(row.MessageType, row.Queue, row.Reason, row.RedrivenBy, new DateTimeOffset(DateTime.SpecifyKind(row.RedrivenAt, DateTimeKind.Utc))))
        .ToList();

    private sealed record RedriveRow(string MessageType, string Queue, string Reason, string RedrivenBy, DateTime RedrivenAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} redriven dead letters could not be recorded for the orders' journeys")]
    private static partial void LogNotRecorded(ILogger logger, int count, Exception exception);
}

/// <summary>A dead letter support sent back: which message, from where, why it had failed, who, when.</summary>
internal sealed record Redrive(string MessageType, string Queue, string Reason, string RedrivenBy, DateTimeOffset RedrivenAt);
