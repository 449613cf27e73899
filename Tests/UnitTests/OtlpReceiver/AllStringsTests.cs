using Alexandrite.Testing.Otlp;
using Alexandrite.Testing.Otlp.Wire;
using Google.Protobuf;
using static Alexandrite.UnitTests.Otlp.WireRequests;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>AllStrings sees every string anywhere in the wire format, and nothing that is not a string.</summary>
public sealed class AllStringsTests
{
    [Fact]
    public async Task StringsInEveryCornerOfTheWireFormatAreFound()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var span = ServerSpan(
            "span-name",
            Attribute("bytes", new AnyValue { BytesValue = ByteString.CopyFrom("bytes-value"u8) }),
            Attribute("list", new AnyValue
            {
                ArrayValue = new ArrayValue
                {
                    Values = { new AnyValue { KvlistValue = new KeyValueList { Values = { Attribute("nested-key", "nested-value") } } } },
                },
            }));
        span.TraceState = "vendor=trace-state";
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "status-message" };
        span.Events.Add(new Span.Types.Event { Name = "event-name", Attributes = { Attribute("event-key", "event-value") } });
        span.Links.Add(new Span.Types.Link { TraceId = TraceId, SpanId = SpanId, Attributes = { Attribute("link-key", "link-value") } });
        var traces = Traces("resource-service", span);
        traces.ResourceSpans[0].ScopeSpans[0].Scope = new InstrumentationScope { Name = "scope-name", Version = "scope-version", Attributes = { Attribute("scope-key", "scope-value") } };
        var logs = Logs("log-service", new LogRecord
        {
            SeverityText = "severity-text",
            EventName = "event-name-of-log",
            Body = new AnyValue { StringValue = "log-body" },
            Attributes = { Attribute("log-key", "log-value") },
        });
        var metrics = Metrics("metric-service", new Metric
        {
            Name = "metric-name",
            Description = "metric-description",
            Unit = "metric-unit",
            Sum = new Sum
            {
                DataPoints =
                {
                    new NumberDataPoint
                    {
                        AsInt = 1,
                        Attributes = { Attribute("point-key", "point-value") },
                        Exemplars = { new Exemplar { AsInt = 1, FilteredAttributes = { Attribute("exemplar-key", "exemplar-value") } } },
                    },
                },
            },
        });

        await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, traces);
        await OtlpHttp.PostAsync(receiver, OtlpPaths.Logs, logs);
        await OtlpHttp.PostAsync(receiver, OtlpPaths.Metrics, metrics);

        var strings = receiver.AllStrings();
        string[] expected =
        [
            "span-name", "bytes", "bytes-value", "list", "nested-key", "nested-value", "vendor=trace-state",
            "status-message", "event-name", "event-key", "event-value", "link-key", "link-value",
            "service.name", "resource-service", "scope-name", "scope-version", "scope-key", "scope-value",
            "log-service", "severity-text", "event-name-of-log", "log-body", "log-key", "log-value",
            "metric-service", "metric-name", "metric-description", "metric-unit", "point-key", "point-value",
            "exemplar-key", "exemplar-value", "hand-made",
        ];
        // Exactly these: ids are bytes too, but not text, and must not show up as garbage strings.
        Assert.Equal(expected.Order(StringComparer.Ordinal), strings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ClearForgetsStringsAndData()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, Traces("clear-test", ServerSpan("forgotten")));
        Assert.Contains("forgotten", receiver.AllStrings());

        receiver.Clear();

        Assert.Empty(receiver.AllStrings());
        Assert.Empty(receiver.Spans);
        Assert.Empty(receiver.Requests);
    }
}
