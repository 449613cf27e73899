using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alexandrite.ShopDatabase;

/// <summary>
/// One change of an order as the Shop DB announces it: PostgreSQL NOTIFY on <see cref="Channel"/>, sent in the
/// transaction that makes the change, so listeners hear it when it commits and never for a change rolled back
/// (https://www.postgresql.org/docs/current/sql-notify.html). Every listener hears every change, so the payload
/// carries no customer data: the order's id, its status and the time of the change (a version a page can compare).
/// </summary>
public sealed record OrderChange(
    [property: JsonPropertyName("orderId")] Guid OrderId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] long Version)
{
    /// <summary>The notification channel, a PostgreSQL identifier.</summary>
    public const string Channel = "order_changes";

    /// <summary>NOTIFY's payload must stay under 8000 bytes; a change is a small fraction of that.</summary>
    private const int MaxPayloadLength = 8000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OrderChange Of(Guid orderId, string status, DateTimeOffset at) => new(orderId, status, at.ToUnixTimeMilliseconds());

    /// <summary>The JSON the notification (and the pages' event stream) carries: {"orderId":…,"status":…,"version":…}.</summary>
    public string ToPayload() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a notification's payload; false for anything that is not a change (a foreign NOTIFY on the channel).</summary>
    public static bool TryParse(string? payload, [NotNullWhen(true)] out OrderChange? change)
    {
        change = null;
        if (string.IsNullOrWhiteSpace(payload) || payload.Length > MaxPayloadLength)
        {
            return false;
        }

        try
        {
            change = JsonSerializer.Deserialize<OrderChange>(payload, Json);
        }
        catch (JsonException)
        {
            return false;
        }

        if (change is null || change.OrderId == Guid.Empty || string.IsNullOrEmpty(change.Status) || change.Version <= 0)
        {
            change = null;
            return false;
        }

        return true;
    }
}
