using System.Net;
using System.Net.Http.Json;
using Alexandrite.Contracts;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Foundation;

[Collection(AspireCollection.Name)]
public sealed class TelemetryExportTests(AspireFixture fixture)
{
    private static readonly string[] ServiceNames = [.. ServiceConfiguration.Services];

    [Fact]
    public async Task Every_service_exports_spans_metrics_and_logs_with_its_resource()
    {
        await CallEveryServiceAsync();

        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => ServiceNames.All(service => all.Any(span => span.ServiceName == service && span.Kind == ReceivedSpanKind.Server)),
            TraceAssertions.TelemetryTimeout);
        var points = await fixture.Telemetry.WaitForMetricPointsAsync(
            all => ServiceNames.All(service => all.Any(point => point.ServiceName == service && point.MetricName == "http.server.request.duration")),
            TraceAssertions.TelemetryTimeout);
        var logs = await fixture.Telemetry.WaitForLogRecordsAsync(
            all => ServiceNames.All(service => all.Any(log => log.ServiceName == service)),
            TraceAssertions.TelemetryTimeout);

        foreach (var service in ServiceNames)
        {
            var resource = spans.First(span => span.ServiceName == service).Resource;
            Assert.Equal("1.0.0", Assert.IsType<string>(resource["service.version"]).Split('+')[0]);
            // The instance id is the replica's: the dashboard names the running resource <service>-<instance id>.
            Assert.Equal(fixture.ResourceInstanceName(service), $"{service}-{Assert.IsType<string>(resource["service.instance.id"])}");
            Assert.False(string.IsNullOrEmpty(resource["host.name"] as string));
            Assert.Equal("Development", resource["deployment.environment.name"]);

            Assert.Contains(points, point => point.ServiceName == service && point.Kind == ReceivedMetricKind.Histogram && point.Count > 0);
            Assert.Contains(logs, log => log.ServiceName == service && log.SeverityNumber > 0);
        }
    }

    [Fact]
    public async Task Traces_reach_the_second_destination_too_and_only_traces()
    {
        using var response = await fixture.Operator.GetAsync("/api/operator/queue");
        response.EnsureSuccessStatusCode();

        var spans = await fixture.Jaeger.WaitForSpansAsync(
            all => all.Any(span => span.IsServerSpanFor(ResourceNames.MesApi, "/api/operator/queue")),
            TraceAssertions.TelemetryTimeout);

        var traceId = spans.First(span => span.IsServerSpanFor(ResourceNames.MesApi, "/api/operator/queue")).TraceId;
        await fixture.Telemetry.WaitForSpansAsync(all => all.Any(span => span.TraceId == traceId), TraceAssertions.TelemetryTimeout);
        Assert.Empty(fixture.Jaeger.LogRecords);
        Assert.Empty(fixture.Jaeger.MetricPoints);
    }

    [Fact]
    public async Task Health_probes_are_not_traced()
    {
        using var health = await fixture.ShopApi.GetAsync("/health");
        using var marker = await fixture.ShopApi.GetAsync($"/api/orders/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, marker.StatusCode);

        // The marker request went out after the probe; once its span is in, the probe's would be too.
        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.Any(span => span.IsServerSpanFor(ResourceNames.ShopApi, "/api/orders/{id:guid}") && (long?)span.Attributes["http.response.status_code"] == 404),
            TraceAssertions.TelemetryTimeout);

        Assert.DoesNotContain(spans, span => span.GetString("url.path") is "/health" or "/alive");
    }

    private async Task CallEveryServiceAsync()
    {
        using var created = await fixture.ShopApi.PostAsJsonAsync("/api/orders", OrderRequests.Valid());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        (await fixture.Operator.GetAsync("/api/operator/queue")).EnsureSuccessStatusCode();
        (await fixture.Manager.GetAsync("/api/approvals/pending")).EnsureSuccessStatusCode();
        (await fixture.ShopWeb.GetAsync("/")).EnsureSuccessStatusCode();
    }
}
