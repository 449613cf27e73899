namespace Alexandrite.Testing.Otlp;

/// <summary>Lookups shared by the Received* records.</summary>
internal static class AttributeLookup
{
    /// <summary>
    /// The semantic-convention key every SDK puts on the resource
    /// (https://opentelemetry.io/docs/specs/semconv/resource/#service).
    /// </summary>
    public const string ServiceNameKey = "service.name";

    public static string? ServiceName(IReadOnlyDictionary<string, object?> resource) =>
        GetString(resource, ServiceNameKey);

    public static string? GetString(IReadOnlyDictionary<string, object?> attributes, string key) =>
        attributes.TryGetValue(key, out var value) ? value as string : null;
}
