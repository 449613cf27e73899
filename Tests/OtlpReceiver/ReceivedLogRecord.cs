namespace Alexandrite.Testing.Otlp;

/// <summary>One log record as the receiver decoded it.</summary>
/// <remarks>Attribute and body values map as described on <see cref="ReceivedSpan"/>.</remarks>
/// <param name="Timestamp">When the event happened; the observed time when the exporter sent none.</param>
/// <param name="SeverityNumber">1..24 (TRACE..FATAL4; 9 is INFO, 13 WARN, 17 ERROR), 0 when unspecified.</param>
/// <param name="SeverityText">The original level name (the .NET exporter sends the LogLevel name), or null.</param>
/// <param name="Body">
/// The body; the .NET exporter sends the message template ({OriginalFormat}), or the formatted
/// message when IncludeFormattedMessage is on.
/// </param>
/// <param name="Attributes">The record's attributes.</param>
/// <param name="TraceId">32 lowercase hex digits of the active trace, or null outside a trace.</param>
/// <param name="SpanId">16 lowercase hex digits of the active span, or null outside a span.</param>
/// <param name="EventName">The event name (EventId.Name in .NET), or null.</param>
/// <param name="Resource">The attributes of the resource that exported the record.</param>
/// <param name="ScopeName">The instrumentation scope name: the logger category in .NET.</param>
public sealed record ReceivedLogRecord(
    DateTimeOffset Timestamp,
    int SeverityNumber,
    string? SeverityText,
    object? Body,
    IReadOnlyDictionary<string, object?> Attributes,
    string? TraceId,
    string? SpanId,
    string? EventName,
    IReadOnlyDictionary<string, object?> Resource,
    string ScopeName)
{
    /// <summary>The resource's <c>service.name</c>, or null when it is absent or not a string.</summary>
    public string? ServiceName => AttributeLookup.ServiceName(Resource);

    /// <summary>The attribute <paramref name="key"/> if it is a string, otherwise null.</summary>
    public string? GetString(string key) => AttributeLookup.GetString(Attributes, key);
}
