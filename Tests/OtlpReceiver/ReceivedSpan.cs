namespace Alexandrite.Testing.Otlp;

/// <summary>One span as the receiver decoded it.</summary>
/// <remarks>
/// Attribute values are <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="byte"/>[], <see cref="object"/>?[] (arrays) or
/// <see cref="IReadOnlyDictionary{TKey, TValue}"/> (key/value lists); an empty value is null.
/// </remarks>
/// <param name="TraceId">32 lowercase hex digits, as <c>ActivityTraceId.ToHexString()</c> prints it.</param>
/// <param name="SpanId">16 lowercase hex digits, as <c>ActivitySpanId.ToHexString()</c> prints it.</param>
/// <param name="ParentSpanId">16 lowercase hex digits, or null for a root span.</param>
/// <param name="Name">The span name (Activity.DisplayName in .NET).</param>
/// <param name="Kind">The span kind.</param>
/// <param name="StartTime">When the span started.</param>
/// <param name="EndTime">When the span ended.</param>
/// <param name="Attributes">The span's attributes (Activity tags).</param>
/// <param name="StatusCode">The span status; <see cref="ReceivedStatusCode.Unset"/> when none was sent.</param>
/// <param name="StatusMessage">The status description, or null when empty.</param>
/// <param name="Events">The span events, in the order they were sent.</param>
/// <param name="Links">The span links, in the order they were sent.</param>
/// <param name="Resource">The attributes of the resource that exported the span.</param>
/// <param name="ScopeName">The instrumentation scope (ActivitySource) name; empty when unknown.</param>
/// <param name="ScopeVersion">The instrumentation scope version, or null when empty.</param>
public sealed record ReceivedSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    ReceivedSpanKind Kind,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    IReadOnlyDictionary<string, object?> Attributes,
    ReceivedStatusCode StatusCode,
    string? StatusMessage,
    IReadOnlyList<ReceivedSpanEvent> Events,
    IReadOnlyList<ReceivedSpanLink> Links,
    IReadOnlyDictionary<string, object?> Resource,
    string ScopeName,
    string? ScopeVersion)
{
    /// <summary>The resource's <c>service.name</c>, or null when it is absent or not a string.</summary>
    public string? ServiceName => AttributeLookup.ServiceName(Resource);

    /// <summary>True for a span without a parent.</summary>
    public bool IsRoot => ParentSpanId is null;

    /// <summary>How long the span lasted.</summary>
    public TimeSpan Duration => EndTime - StartTime;

    /// <summary>The attribute <paramref name="key"/> if it is a string, otherwise null.</summary>
    public string? GetString(string key) => AttributeLookup.GetString(Attributes, key);
}
