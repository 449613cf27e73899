namespace Alexandrite.Testing.Otlp;

/// <summary>
/// The kind of a received span. Numeric values equal OTLP's Span.SpanKind
/// (opentelemetry-proto trace.proto, field 6), so values from newer protocol versions survive
/// as undefined members rather than being lost.
/// </summary>
public enum ReceivedSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
