using Alexandrite.Testing.Otlp.Wire;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Flattens an ExportTraceServiceRequest (resource → scope → span) into one
/// <see cref="ReceivedSpan"/> per span, each carrying its resource and scope.
/// </summary>
internal static class TraceRequestReader
{
    public static List<ReceivedSpan> Read(ExportTraceServiceRequest request)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = AttributeValues.ToDictionary(resourceSpans.Resource?.Attributes);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scopeName = scopeSpans.Scope?.Name ?? string.Empty;
                var scopeVersion = EmptyStrings.ToNull(scopeSpans.Scope?.Version);
                spans.AddRange(scopeSpans.Spans.Select(span => ToReceived(span, resource, scopeName, scopeVersion)));
            }
        }

        return spans;
    }

    private static ReceivedSpan ToReceived(
        Span span,
        IReadOnlyDictionary<string, object?> resource,
        string scopeName,
        string? scopeVersion) => new(
            TraceId: OtlpIds.ToHex(span.TraceId),
            SpanId: OtlpIds.ToHex(span.SpanId),
            ParentSpanId: OtlpIds.ToHexOrNull(span.ParentSpanId),
            Name: span.Name,
            Kind: (ReceivedSpanKind)span.Kind,
            StartTime: UnixNanos.ToDateTimeOffset(span.StartTimeUnixNano),
            EndTime: UnixNanos.ToDateTimeOffset(span.EndTimeUnixNano),
            Attributes: AttributeValues.ToDictionary(span.Attributes),
            // An absent Status means UNSET (trace.proto, Span field 15).
            StatusCode: (ReceivedStatusCode)(span.Status?.Code ?? Status.Types.StatusCode.Unset),
            StatusMessage: EmptyStrings.ToNull(span.Status?.Message),
            Events: [.. span.Events.Select(e => new ReceivedSpanEvent(
                e.Name,
                UnixNanos.ToDateTimeOffset(e.TimeUnixNano),
                AttributeValues.ToDictionary(e.Attributes)))],
            Links: [.. span.Links.Select(l => new ReceivedSpanLink(
                OtlpIds.ToHex(l.TraceId),
                OtlpIds.ToHex(l.SpanId),
                AttributeValues.ToDictionary(l.Attributes)))],
            Resource: resource,
            ScopeName: scopeName,
            ScopeVersion: scopeVersion);
}
