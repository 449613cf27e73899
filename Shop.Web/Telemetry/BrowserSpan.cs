using System.Diagnostics;

namespace Alexandrite.Shop.Web.Telemetry;

/// <summary>One span the page exported, as read from OTLP/HTTP JSON (<see cref="OtlpJsonTraceReader"/>), before the relay names it.</summary>
internal sealed record BrowserSpan(
    string Scope,
    string Name,
    ActivityKind Kind,
    ActivityTraceId TraceId,
    ActivitySpanId SpanId,
    ActivitySpanId? ParentSpanId,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<KeyValuePair<string, object?>> Attributes,
    IReadOnlyList<BrowserSpanEvent> Events,
    bool IsError,
    string? StatusMessage)
{
    public object? Attribute(string key) => Attributes.FirstOrDefault(attribute => attribute.Key == key).Value;
}

internal sealed record BrowserSpanEvent(string Name, DateTimeOffset Time, IReadOnlyList<KeyValuePair<string, object?>> Attributes);
