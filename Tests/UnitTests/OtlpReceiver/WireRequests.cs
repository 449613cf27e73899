using Alexandrite.Testing.Otlp.Wire;
using Google.Protobuf;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>Hand-built export requests, using the receiver's own (internal) wire types.</summary>
internal static class WireRequests
{
    public static readonly ByteString TraceId = ByteString.CopyFrom(Convert.FromHexString("0af7651916cd43dd8448eb211c80319c"));
    public static readonly ByteString SpanId = ByteString.CopyFrom(Convert.FromHexString("b7ad6b7169203331"));

    public static KeyValue Attribute(string key, AnyValue value) => new() { Key = key, Value = value };

    public static KeyValue Attribute(string key, string value) => Attribute(key, new AnyValue { StringValue = value });

    public static Resource Service(string name) => new() { Attributes = { Attribute("service.name", name) } };

    public static Span ServerSpan(string name, params KeyValue[] attributes) => new()
    {
        TraceId = TraceId,
        SpanId = SpanId,
        Name = name,
        Kind = Span.Types.SpanKind.Server,
        StartTimeUnixNano = 1_700_000_000_000_000_000,
        EndTimeUnixNano = 1_700_000_000_250_000_000,
        Attributes = { attributes },
    };

    public static ExportTraceServiceRequest Traces(string serviceName, params Span[] spans) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = Service(serviceName),
                ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "hand-made" }, Spans = { spans } } },
            },
        },
    };

    public static ExportLogsServiceRequest Logs(string serviceName, params LogRecord[] records) => new()
    {
        ResourceLogs =
        {
            new ResourceLogs
            {
                Resource = Service(serviceName),
                ScopeLogs = { new ScopeLogs { Scope = new InstrumentationScope { Name = "hand-made" }, LogRecords = { records } } },
            },
        },
    };

    public static ExportMetricsServiceRequest Metrics(string serviceName, params Metric[] metrics) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = Service(serviceName),
                ScopeMetrics = { new ScopeMetrics { Scope = new InstrumentationScope { Name = "hand-made" }, Metrics = { metrics } } },
            },
        },
    };
}
