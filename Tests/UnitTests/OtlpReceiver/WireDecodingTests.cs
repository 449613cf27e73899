using System.Net;
using Alexandrite.Testing.Otlp;
using Alexandrite.Testing.Otlp.Wire;
using Google.Protobuf;
using static Alexandrite.UnitTests.Otlp.WireRequests;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>Decoding of what the .NET exporter does not send: every AnyValue case, unknown fields, every metric type.</summary>
public sealed class WireDecodingTests
{
    [Fact]
    public async Task AttributeValuesMapToPlainDotNetTypes()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var span = ServerSpan(
            "typed",
            Attribute("string", "text"),
            Attribute("bool", new AnyValue { BoolValue = true }),
            Attribute("int", new AnyValue { IntValue = -42 }),
            Attribute("double", new AnyValue { DoubleValue = 0.25 }),
            Attribute("bytes", new AnyValue { BytesValue = ByteString.CopyFrom(1, 2, 3) }),
            Attribute("array", new AnyValue
            {
                ArrayValue = new ArrayValue
                {
                    Values =
                    {
                        new AnyValue { StringValue = "a" },
                        new AnyValue { IntValue = 1 },
                        new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { BoolValue = false } } } },
                    },
                },
            }),
            Attribute("kvlist", new AnyValue
            {
                KvlistValue = new KeyValueList
                {
                    Values =
                    {
                        Attribute("inner", "value"),
                        Attribute("nested", new AnyValue { KvlistValue = new KeyValueList { Values = { Attribute("deep", new AnyValue { DoubleValue = 1.5 }) } } }),
                    },
                },
            }),
            Attribute("empty", new AnyValue()),
            new KeyValue { Key = "absent" },
            Attribute("duplicate", "first"),
            Attribute("duplicate", "last"));

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, Traces("typed-test", span));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attributes = Assert.Single(receiver.Spans).Attributes;
        Assert.Equal("text", attributes["string"]);
        Assert.True(Assert.IsType<bool>(attributes["bool"]));
        Assert.Equal(-42L, attributes["int"]);
        Assert.Equal(0.25, attributes["double"]);
        Assert.Equal([1, 2, 3], Assert.IsType<byte[]>(attributes["bytes"]));
        var array = Assert.IsType<object?[]>(attributes["array"]);
        Assert.Equal("a", array[0]);
        Assert.Equal(1L, array[1]);
        Assert.False(Assert.IsType<bool>(Assert.Single(Assert.IsType<object?[]>(array[2]))));
        var kvlist = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(attributes["kvlist"]);
        Assert.Equal("value", kvlist["inner"]);
        Assert.Equal(1.5, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(kvlist["nested"])["deep"]);
        Assert.Null(attributes["empty"]);
        Assert.Null(attributes["absent"]);
        Assert.Equal("last", attributes["duplicate"]);
    }

    [Fact]
    public async Task UnknownFieldsAreSkipped()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var span = ServerSpan("known", Attribute("kept", "yes")).ToByteArray();
        // Unknown fields of every wire type, after the known ones, as a newer sender might add them.
        var spanWithExtras = Concat(span, Encode(output =>
        {
            output.WriteTag(90, WireFormat.WireType.Varint);
            output.WriteUInt64(123456789);
            output.WriteTag(91, WireFormat.WireType.LengthDelimited);
            output.WriteString("from the future");
            output.WriteTag(92, WireFormat.WireType.Fixed32);
            output.WriteFixed32(7);
            output.WriteTag(93, WireFormat.WireType.Fixed64);
            output.WriteFixed64(8);
        }));
        var scopeSpans = Encode(output =>
        {
            output.WriteTag(ScopeSpans.SpansFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(spanWithExtras));
            output.WriteTag(77, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(1, 2, 3));
        });
        var request = Encode(output =>
        {
            output.WriteTag(ExportTraceServiceRequest.ResourceSpansFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(Encode(resourceSpans =>
            {
                resourceSpans.WriteTag(ResourceSpans.ScopeSpansFieldNumber, WireFormat.WireType.LengthDelimited);
                resourceSpans.WriteBytes(ByteString.CopyFrom(scopeSpans));
            })));
            output.WriteTag(1000, WireFormat.WireType.Varint);
            output.WriteInt32(1);
        });

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(receiver.Spans);
        Assert.Equal("known", received.Name);
        Assert.Equal("yes", received.GetString("kept"));
        Assert.Equal(ReceivedSpanKind.Server, received.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(250), received.Duration);
    }

    [Fact]
    public async Task SpanWithoutStatusOrParentIsAnUnsetRoot()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var span = ServerSpan("bare");
        // All-zero is an invalid id; some senders use it for "no parent".
        span.ParentSpanId = ByteString.CopyFrom(new byte[8]);

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, Traces("bare-test", span));

        var received = Assert.Single(receiver.Spans);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", received.TraceId);
        Assert.Equal("b7ad6b7169203331", received.SpanId);
        Assert.Null(received.ParentSpanId);
        Assert.Equal(ReceivedStatusCode.Unset, received.StatusCode);
        Assert.Null(received.StatusMessage);
        Assert.Null(received.ScopeVersion);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), received.StartTime);
    }

    [Fact]
    public async Task LogRecordWithoutEventTimeUsesTheObservedTime()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var record = new LogRecord
        {
            ObservedTimeUnixNano = 1_700_000_000_000_000_100,
            SeverityNumber = 17,
            Body = new AnyValue { KvlistValue = new KeyValueList { Values = { Attribute("structured", "body") } } },
            TraceId = ByteString.CopyFrom(new byte[16]),
        };

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Logs, Logs("log-test", record));

        var received = Assert.Single(receiver.LogRecords);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(1), received.Timestamp);
        Assert.Equal(17, received.SeverityNumber);
        Assert.Null(received.SeverityText);
        Assert.Null(received.EventName);
        Assert.Null(received.TraceId);
        Assert.Null(received.SpanId);
        Assert.Equal("body", Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(received.Body)["structured"]);
        Assert.Equal("log-test", received.ServiceName);
        Assert.Equal("hand-made", received.ScopeName);
    }

    [Fact]
    public async Task EveryMetricTypeBecomesPoints()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        const ulong Time = 1_700_000_000_000_000_000;
        var request = Metrics(
            "metric-test",
            new Metric { Name = "gauge.double", Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsDouble = 0.5, TimeUnixNano = Time } } } },
            new Metric
            {
                Name = "sum.int",
                Unit = "By",
                Sum = new Sum { IsMonotonic = true, DataPoints = { new NumberDataPoint { AsInt = -3, TimeUnixNano = Time, Attributes = { Attribute("k", "v") } } } },
            },
            new Metric { Name = "gauge.novalue", Gauge = new Gauge { DataPoints = { new NumberDataPoint { Flags = 1 } } } },
            new Metric { Name = "histogram.nosum", Histogram = new Histogram { DataPoints = { new HistogramDataPoint { Count = 4, BucketCounts = { 1, 3 }, ExplicitBounds = { 10 } } } } },
            new Metric
            {
                Name = "histogram.exponential",
                ExponentialHistogram = new ExponentialHistogram
                {
                    DataPoints =
                    {
                        new ExponentialHistogramDataPoint
                        {
                            Count = 6,
                            Sum = 60,
                            Scale = -2,
                            Positive = new ExponentialHistogramDataPoint.Types.Buckets { Offset = -1, BucketCounts = { 2, 4 } },
                        },
                    },
                },
            },
            new Metric
            {
                Name = "summary",
                Summary = new Summary
                {
                    DataPoints =
                    {
                        new SummaryDataPoint
                        {
                            Count = 3,
                            Sum = 9,
                            QuantileValues = { new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.5, Value = 3 } },
                        },
                    },
                },
            },
            new Metric { Name = "no.data" });

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Metrics, request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var points = receiver.MetricPoints.ToDictionary(p => p.MetricName);
        Assert.Equal(6, points.Count);
        Assert.Equal((ReceivedMetricKind.Gauge, 0.5), (points["gauge.double"].Kind, points["gauge.double"].Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), points["gauge.double"].Time);
        Assert.Equal((ReceivedMetricKind.Sum, -3.0, "By", "v"), (points["sum.int"].Kind, points["sum.int"].Value, points["sum.int"].Unit, points["sum.int"].GetString("k")));
        Assert.Null(points["gauge.novalue"].Value);
        Assert.Equal((ReceivedMetricKind.Histogram, 4UL, (double?)null), (points["histogram.nosum"].Kind, points["histogram.nosum"].Count, points["histogram.nosum"].Sum));
        Assert.Equal((ReceivedMetricKind.ExponentialHistogram, 6UL, 60.0), (points["histogram.exponential"].Kind, points["histogram.exponential"].Count, points["histogram.exponential"].Sum));
        Assert.Equal((ReceivedMetricKind.Summary, 3UL, 9.0, (double?)null), (points["summary"].Kind, points["summary"].Count, points["summary"].Sum, points["summary"].Value));
        Assert.All(points.Values, p => Assert.Equal("metric-test", p.ServiceName));
    }

    private static byte[] Encode(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }

    private static byte[] Concat(byte[] first, byte[] second) => [.. first, .. second];
}
