using System.Text.Json;

namespace Alexandrite.Messaging;

/// <summary>Message bodies: JSON with the web defaults (camelCase), the same in every service.</summary>
internal static class MessageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string SerializeToString<T>(T message) => JsonSerializer.Serialize(message, Options);

    /// <exception cref="PoisonMessageException">The body is not a valid <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, Options)
                ?? throw new PoisonMessageException($"The body of a {typeof(T).Name} is null.");
        }
        catch (JsonException exception)
        {
            throw new PoisonMessageException($"The body is not a valid {typeof(T).Name}: {exception.Message}", exception);
        }
    }
}
