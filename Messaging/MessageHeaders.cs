using System.Globalization;
using System.Text;

namespace Alexandrite.Messaging;

/// <summary>The AMQP headers the services set beyond the trace context, and how to read them back.</summary>
internal static class MessageHeaders
{
    /// <summary>When the outbox relay handed the message to the broker (ISO 8601, UTC): the start of its queue delay.</summary>
    public const string PublishedAt = "published-at";

    public static string FormatPublishedAt(DateTimeOffset publishedAt) => publishedAt.ToString("O", CultureInfo.InvariantCulture);

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
    public static DateTimeOffset? GetPublishedAt(IDictionary<string, object?>? headers) =>
        DateTimeOffset.TryParse(GetString(headers, PublishedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var publishedAt)
            ? publishedAt
            : null;
}
