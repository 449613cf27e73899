using RabbitMQ.Client;

namespace Alexandrite.Messaging.DeadLetters;

/// <summary>A message waiting in a dead-letter queue, as support sees it: whose, what, why and since when.</summary>
/// <param name="Queue">The queue it was dead-lettered from, where a redrive sends it.</param>
/// <param name="Service">The service that consumes that queue and gave up on the message.</param>
/// <param name="Reason">Why (<see cref="MessageHeaders.Failure"/>); "unknown" for a message rejected by other means.</param>
public sealed record DeadLetter(
    string Queue, string Service, Guid MessageId, Guid OrderId, string MessageType, string Reason, DateTimeOffset? DeadLetteredAt, int FailedDeliveries)
{
    /// <summary>Where the order waits, in support's words: "crm-api dead-letter queue: &lt;reason&gt;".</summary>
    public string Place => $"{Service} dead-letter queue: {Reason}";

    public static DeadLetter From(string queue, IReadOnlyBasicProperties properties) => new(
        queue,
        MessagingTopology.ServiceOf(queue),
        Guid.TryParse(properties.MessageId, out var messageId) ? messageId : Guid.Empty,
        Guid.TryParse(properties.CorrelationId, out var orderId) ? orderId : Guid.Empty,
        properties.Type ?? "unknown",
        MessageHeaders.GetString(properties.Headers, MessageHeaders.Failure) ?? "unknown",
        MessageHeaders.GetTime(properties.Headers, MessageHeaders.DeadLetteredAt),
        MessageHeaders.GetFailedDeliveries(properties.Headers));
}
