using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.Testing.Otlp;
using Dapper;
using Npgsql;

namespace Alexandrite.AspireTests.Watchdog;

/// <summary>
/// Support's question, "where is this order stuck?", answered by Crm.Api's watchdog: with MES away, a submitted
/// order stays in SUBMITTED past its (short, in these tests) limit; the watchdog lists it, counts it, logs it once
/// and marks its trace, the journey names the stage and MES; with MES back, the order moves on and leaves the list.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class StuckOrderTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task An_order_MES_does_not_take_is_reported_stuck_in_SUBMITTED_and_leaves_the_list_when_MES_is_back()
    {
        Guid orderId;
        string traceId;
        await fixture.App.StopResourceAsync(ResourceNames.MesApi);
        try
        {
            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
            traceId = (await _shop.GetOrderAsync(orderId)).GetProperty("history")[0].GetProperty("traceId").GetString()!;

            // Listed with its stage, the service it waits on, its age and the trace to open.
            var listed = await WaitForListingAsync(orderId, listed: true);
            var listedAt = DateTimeOffset.UtcNow;
            Assert.Equal("SUBMITTED", listed.GetProperty("stage").GetString());
            Assert.Equal("mes-api", listed.GetProperty("ownerService").GetString());
            Assert.Equal(TestSettings.SubmittedLimit, Duration(listed, "limit"));
            Assert.True(Duration(listed, "age") > TestSettings.SubmittedLimit, $"listed at an age of {Duration(listed, "age")}");
            Assert.Equal(traceId, listed.GetProperty("traceId").GetString());

            // The journey says where it is stuck and on whom it waits, with every step so far and a link to the trace.
            var journey = await GetJourneyAsync(orderId);
            var stuck = journey.GetProperty("stuck");
            Assert.Equal("SUBMITTED", stuck.GetProperty("stage").GetString());
            Assert.Equal("mes-api", stuck.GetProperty("ownerService").GetString());
            Assert.Equal("mes-api", journey.GetProperty("ownerService").GetString());
            Assert.Equal(traceId, journey.GetProperty("traceId").GetString());
            Assert.Equal($"{TestSettings.JaegerUrl}/trace/{traceId}", journey.GetProperty("links").GetProperty("jaeger").GetString());
            Assert.Equal(new Uri(fixture.DashboardUri, $"traces/detail/{traceId}"), new Uri(journey.GetProperty("links").GetProperty("dashboard").GetString()!));
            var steps = journey.GetProperty("steps").EnumerateArray().ToList();
            Assert.Equal(["INITIATED", "FILE_UPLOADED", "SUBMITTED"], steps.Select(step => step.GetProperty("status").GetString()!).ToArray());
            Assert.All(steps, step => Assert.Equal("shop-api", step.GetProperty("setBy").GetString()));
            Assert.Equal(JsonValueKind.Null, steps[^1].GetProperty("leftAt").ValueKind);
            Assert.True(Duration(steps[^1], "timeSpent") > TestSettings.SubmittedLimit);

            // Support's pages show the same: the order in the stuck list, and its journey.
            Assert.NotNull(await ShopWebForms.StuckListPageWithAsync(fixture.SupportWeb, orderId));
            var page = await fixture.SupportWeb.GetStringAsync($"/orders/{orderId}/journey");
            Assert.Contains("<strong data-testid=\"stuck-stage\">SUBMITTED</strong>", page, StringComparison.Ordinal);
            Assert.Contains("<strong data-testid=\"stuck-owner\">mes-api</strong>", page, StringComparison.Ordinal);
            Assert.Contains(traceId, page, StringComparison.Ordinal);

            // The gauge counts it, under its stage and owner; every watched stage is reported (the tests shorten
            // SUBMITTED's limit, the other defaults stay).
            var points = await fixture.Telemetry.WaitForMetricPointsAsync(
                all => all.Any(point => point.ServiceName == ResourceNames.CrmApi && point.MetricName == "alexandrite.order.stuck.count"
                    && point.GetString("order.stage.name") == "SUBMITTED" && point.GetString("order.stage.owner") == "mes-api"
                    && point.Time > listedAt && point.Value >= 1),
                TraceAssertions.TelemetryTimeout);
            Assert.Equal(
                ["MANUFACTURING_APPROVED", "PRICE_CALCULATED", "SHIPPED", "SUBMITTED"],
                points.Where(point => point.MetricName == "alexandrite.order.stuck.count").Select(point => point.GetString("order.stage.name")!).Distinct().Order().ToArray());

            // The breach is an event in the order's own trace, and a warning log correlated with it.
            var spans = await fixture.Telemetry.WaitForSpansAsync(
                all => all.Any(span => span.Name == "ReportStuckOrder" && span.GetString("order.id") == orderId.ToString()),
                TraceAssertions.TelemetryTimeout);
            var report = Assert.Single(spans, span => span.Name == "ReportStuckOrder" && span.GetString("order.id") == orderId.ToString());
            Assert.Equal(traceId, report.TraceId);
            Assert.Equal(ResourceNames.CrmApi, report.ServiceName);
            var stuckEvent = Assert.Single(report.Events, e => e.Name == "order.stuck");
            Assert.Equal("SUBMITTED", stuckEvent.Attributes["order.stage.name"]);
            Assert.Equal("mes-api", stuckEvent.Attributes["order.stage.owner"]);
            var logs = await fixture.Telemetry.WaitForLogRecordsAsync(all => all.Any(log => IsStuckLogOf(log, orderId)), TraceAssertions.TelemetryTimeout);
            Assert.Equal(traceId, logs.First(log => IsStuckLogOf(log, orderId)).TraceId);
        }
        finally
        {
            await fixture.App.StartResourceAsync(ResourceNames.MesApi);
        }

        // MES takes the waiting message: the order moves on and is no longer listed.
        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        await WaitForListingAsync(orderId, listed: false);
        var after = await GetJourneyAsync(orderId);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("stuck").ValueKind);
        var submitted = after.GetProperty("steps").EnumerateArray().Single(step => step.GetProperty("status").GetString() == "SUBMITTED");
        Assert.NotEqual(JsonValueKind.Null, submitted.GetProperty("leftAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, submitted.GetProperty("reportedStuckAt").ValueKind);
        Assert.Equal("mes-api", after.GetProperty("steps").EnumerateArray().Single(step => step.GetProperty("status").GetString() == "PRICE_CALCULATED").GetProperty("setBy").GetString());

        // The wait shows in the metrics too: the time spent in SUBMITTED and the order.submitted message's queue
        // delay each include this order's seconds past the limit.
        var limitSeconds = TestSettings.SubmittedLimit.TotalSeconds;
        await fixture.Telemetry.WaitForMetricPointsAsync(
            all => all.Any(point => point.ServiceName == ResourceNames.CrmApi && point.MetricName == "alexandrite.order.status.duration"
                    && point.GetString("order.status.from") == "SUBMITTED" && point.GetString("order.status.to") == "PRICE_CALCULATED" && point.Sum > limitSeconds)
                && all.Any(point => point.ServiceName == ResourceNames.MesApi && point.MetricName == "alexandrite.messaging.queue.delay"
                    && point.GetString("messaging.rabbitmq.destination.routing_key") == "order.submitted" && point.Sum > limitSeconds),
            TraceAssertions.TelemetryTimeout);

        // Reported once, although it stayed past its limit for many checks: one breach remembered, one log.
        await using var shopDb = await fixture.OpenDatabaseAsync(ResourceNames.ShopDatabase);
        Assert.Equal(1, await shopDb.ExecuteScalarAsync<int>("SELECT count(*) FROM crm.order_breaches WHERE order_id = @orderId", new { orderId }));
        Assert.Single(fixture.Telemetry.LogRecords, log => IsStuckLogOf(log, orderId));
    }

    [Fact]
    public async Task The_journey_of_an_unknown_order_is_not_found()
    {
        using var response = await fixture.Manager.GetAsync($"/api/orders/{Guid.NewGuid()}/journey");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonElement> GetJourneyAsync(Guid orderId) =>
        await fixture.Manager.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/journey");

    /// <summary>Polls GET /api/orders/stuck (every page) until the order is (or is no longer) on it; returns its entry when listed.</summary>
    private async Task<JsonElement> WaitForListingAsync(Guid orderId, bool listed)
    {
        var deadline = DateTime.UtcNow + ShopClient.StatusTimeout;
        while (true)
        {
            var entry = (await _shop.StuckOrdersAsync()).FirstOrDefault(item => item.GetProperty("orderId").GetGuid() == orderId);
            if ((entry.ValueKind != JsonValueKind.Undefined) == listed)
            {
                return entry;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} {(listed ? "never appeared on" : "never left")} the stuck list; it is {await _shop.GetOrderAsync(orderId)}");
            await Task.Delay(200);
        }
    }

    private static bool IsStuckLogOf(ReceivedLogRecord log, Guid orderId) =>
        log.EventName == "OrderStuck" && log.GetString("OrderId") == orderId.ToString();

    private static TimeSpan Duration(JsonElement element, string property) =>
        TimeSpan.Parse(element.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);
}
