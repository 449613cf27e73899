using System.Globalization;
using System.Text;

namespace Alexandrite.Messaging;

/// <summary>The AMQP headers the services set beyond the trace context, and how to read them back.</summary>
public static class MessageHeaders
{
    /// <summary>When the outbox relay handed the message to the broker (ISO 8601, UTC): the start of its queue delay.</summary>
    public const string PublishedAt = "published-at";

    /// <summary>How many deliveries of the message failed so far (a number as text); absent before the first failure.</summary>
    public const string FailedDeliveries = "failed-deliveries";

    /// <summary>When the first delivery of the message failed (ISO 8601): retries stop <c>Messaging:RetryFor</c> after it.</summary>
    public const string FirstFailedAt = "first-failed-at";

    /// <summary>Why the last delivery failed, or why the message went to the dead-letter queue: words for support.</summary>
    public const string Failure = "failure";

    /// <summary>When the message went to the dead-letter queue (ISO 8601).</summary>
    public const string DeadLetteredAt = "dead-lettered-at";

    /// <summary>Who sent the message back from the dead-letter queue, and when (ISO 8601).</summary>
    public const string RedrivenBy = "redriven-by";

    public const string RedrivenAt = "redriven-at";

    /// <summary>The headers a failure adds; a redrive removes them, so the message starts afresh.</summary>
    public static readonly IReadOnlyList<string> FailureHeaders = [FailedDeliveries, FirstFailedAt, Failure, DeadLetteredAt];

    public static string FormatPublishedAt(DateTimeOffset publishedAt) => FormatTime(publishedAt);

    public static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A header's value as text (AMQP delivers strings as UTF-8 bytes); null when absent or not text.</summary>
    public static string? GetString(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => null,
            }
            : null;

    /// <summary>The <see cref="PublishedAt"/> header; null for a message published by anything but a relay.</summary>
    public static DateTimeOffset? GetPublishedAt(IDictionary<string, object?>? headers) => GetTime(headers, PublishedAt);

    /// <summary>A time header (<see cref="FormatTime"/>); null when absent or not a time.</summary>
    public static DateTimeOffset? GetTime(IDictionary<string, object?>? headers, string key) =>
        DateTimeOffset.TryParse(GetString(headers, key), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;

    /// <summary>The <see cref="FailedDeliveries"/> header; 0 for a message that never failed.</summary>
    public static int GetFailedDeliveries(IDictionary<string, object?>? headers) =>
        int.TryParse(GetString(headers, FailedDeliveries), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
}
