namespace Alexandrite.Testing.Otlp;

/// <summary>A pointer from a span to another span, in the same trace or another one.</summary>
/// <param name="TraceId">32 lowercase hex digits.</param>
/// <param name="SpanId">16 lowercase hex digits.</param>
/// <param name="Attributes">The link's attributes.</param>
public sealed record ReceivedSpanLink(
    string TraceId,
    string SpanId,
    IReadOnlyDictionary<string, object?> Attributes);
