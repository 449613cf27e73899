using System.Diagnostics;
using Alexandrite.Testing.Otlp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>Spans exported by the real OpenTelemetry .NET OTLP exporter decode field by field.</summary>
public sealed class SpanExportTests
{
    [Fact]
    public async Task ParentAndChildSpansRoundTripEveryField()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var source = new ActivitySource("Alexandrite.UnitTests.SpanExport", "1.2.3");
        using var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("span-export-test", serviceVersion: "4.5.6"))
            .AddSource(source.Name)
            .AddOtlpExporter(o => o.PointAt(receiver, OtlpPaths.Traces))
            .Build();

        var linked = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var eventTime = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567);
        using var parent = source.StartActivity("checkout", ActivityKind.Server)!;
        using var child = source.StartActivity(
            "charge card",
            ActivityKind.Client,
            parent.Context,
            links: [new ActivityLink(linked, new ActivityTagsCollection { ["link.reason"] = "retry-of" })])!;
        child.SetTag("payment.provider", "acme");
        child.SetTag("payment.captured", false);
        child.SetTag("payment.attempt", 3L);
        child.SetTag("payment.amount", 12.75);
        string[] methods = ["visa", "3ds"];
        child.SetTag("payment.methods", methods);
        child.AddEvent(new ActivityEvent("card.declined", eventTime, new ActivityTagsCollection { ["decline.code"] = "do_not_honor" }));
        child.SetStatus(ActivityStatusCode.Error, "card declined");
        child.Stop();
        parent.Stop();

        var spans = await receiver.WaitForSpansAsync(s => s.Count >= 2, ExporterOptions.Patience);

        var root = Assert.Single(spans, s => s.Name == "checkout");
        Assert.Equal(parent.TraceId.ToHexString(), root.TraceId);
        Assert.Equal(parent.SpanId.ToHexString(), root.SpanId);
        Assert.Null(root.ParentSpanId);
        Assert.True(root.IsRoot);
        Assert.Equal(ReceivedSpanKind.Server, root.Kind);
        Assert.Equal(ReceivedStatusCode.Unset, root.StatusCode);
        Assert.Null(root.StatusMessage);
        Assert.Empty(root.Events);
        Assert.Empty(root.Links);

        var span = Assert.Single(spans, s => s.Name == "charge card");
        Assert.Equal(child.TraceId.ToHexString(), span.TraceId);
        Assert.Equal(root.TraceId, span.TraceId);
        Assert.Equal(child.SpanId.ToHexString(), span.SpanId);
        Assert.Equal(root.SpanId, span.ParentSpanId);
        Assert.False(span.IsRoot);
        Assert.Equal(ReceivedSpanKind.Client, span.Kind);
        Assert.Equal(new DateTimeOffset(child.StartTimeUtc), span.StartTime);
        Assert.Equal(child.Duration, span.Duration);
        Assert.Equal(ReceivedStatusCode.Error, span.StatusCode);
        Assert.Equal("card declined", span.StatusMessage);

        Assert.Equal("acme", span.GetString("payment.provider"));
        Assert.False(Assert.IsType<bool>(span.Attributes["payment.captured"]));
        Assert.Equal(3L, span.Attributes["payment.attempt"]);
        Assert.Equal(12.75, span.Attributes["payment.amount"]);
        Assert.Equal(new object?[] { "visa", "3ds" }, Assert.IsType<object?[]>(span.Attributes["payment.methods"]));
        Assert.Null(span.GetString("payment.attempt"));

        var declined = Assert.Single(span.Events);
        Assert.Equal("card.declined", declined.Name);
        Assert.Equal(eventTime, declined.Time);
        Assert.Equal("do_not_honor", declined.Attributes["decline.code"]);

        var link = Assert.Single(span.Links);
        Assert.Equal(linked.TraceId.ToHexString(), link.TraceId);
        Assert.Equal(linked.SpanId.ToHexString(), link.SpanId);
        Assert.Equal("retry-of", link.Attributes["link.reason"]);

        Assert.Equal("span-export-test", span.ServiceName);
        Assert.Equal("4.5.6", span.Resource["service.version"]);
        Assert.Equal("Alexandrite.UnitTests.SpanExport", span.ScopeName);
        Assert.Equal("1.2.3", span.ScopeVersion);
    }

    [Fact]
    public async Task ExporterPostsProtobufToTheSignalPath()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var source = new ActivitySource("Alexandrite.UnitTests.SpanExport.Request");
        using var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .AddOtlpExporter(o => o.PointAt(receiver, OtlpPaths.Traces))
            .Build();

        source.StartActivity("one")!.Stop();

        var requests = await receiver.WaitForRequestsAsync(r => r.Count >= 1, ExporterOptions.Patience);
        var request = Assert.Single(requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(OtlpPaths.Traces, request.Path);
        Assert.Equal(200, request.StatusCode);
        Assert.Equal("application/x-protobuf", request.ContentType);
        Assert.Null(request.ContentEncoding);
        Assert.StartsWith("OTel-OTLP-Exporter-Dotnet/", request.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndpointFromEnvironmentStyleConfigurationGetsTheSignalPathAppended()
    {
        // What the end-to-end tests do to the services: OTEL_EXPORTER_OTLP_ENDPOINT is the bare
        // base address and the exporter appends v1/traces. An in-memory IConfiguration stands
        // in for the environment so parallel tests do not see each other's variables.
        await using var receiver = await OtlpReceiver.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }).Build();
        using var source = new ActivitySource("Alexandrite.UnitTests.SpanExport.Environment");
        using var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
            .AddSource(source.Name)
            .AddOtlpExporter(o => o.ExportProcessorType = ExportProcessorType.Simple)
            .Build();

        source.StartActivity("configured by environment")!.Stop();

        var spans = await receiver.WaitForSpansAsync(s => s.Count >= 1, ExporterOptions.Patience);
        Assert.Equal("configured by environment", Assert.Single(spans).Name);
        Assert.Equal(OtlpPaths.Traces, Assert.Single(await receiver.WaitForRequestsAsync(r => r.Count >= 1, ExporterOptions.Patience)).Path);
    }
}
