using System.Diagnostics;
using System.Net.Http.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Sampling;

/// <summary>Head sampling at 10%: whole traces kept or dropped, errors kept anyway, forced requests kept, metrics exact.</summary>
[Collection(SampledAspireCollection.Name)]
public sealed class SamplingTests(SampledAspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task The_kept_share_of_new_traces_lies_within_binomial_bounds()
    {
        const int Orders = 300;
        var ids = new HashSet<string>();
        for (var i = 0; i < Orders; i++)
        {
            ids.Add((await _shop.CreateOrderAsync("silver")).ToString());
        }

        // Let every batch go out, then count the orders whose CreateOrder span was exported.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var kept = fixture.Telemetry.Spans.Where(span => span.Name == "CreateOrder" && ids.Contains(span.GetString("order.id") ?? "")).Select(span => span.GetString("order.id")).Distinct().Count();

        // Binomial(300, 0.1): mean 30, standard deviation 5.2; four deviations either side.
        Assert.InRange(kept, 9, 51);
    }

    [Fact]
    public async Task A_kept_order_trace_is_complete_across_services_and_a_dropped_one_is_absent()
    {
        // Ten orders start with the forcing header, so kept traces exist whatever the dice; thirty are left to the
        // ratio, so dropped ones exist too (all thirty kept at 10%: 1 in 10^30).
        var orders = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            orders.Add(i < 10 ? await SubmitForcedOrderAsync() : await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver"));
        }

        var traces = new Dictionary<Guid, string>();
        foreach (var orderId in orders)
        {
            var order = await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
            traces[orderId] = order.GetProperty("history")[0].GetProperty("traceId").GetString()!;
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var spans = fixture.Telemetry.Spans;
        var keptTraces = traces.Values.Where(traceId => spans.Any(span => span.TraceId == traceId && span.Name == "CreateOrder")).ToList();
        Assert.NotEmpty(keptTraces);
        Assert.NotEqual(traces.Count, keptTraces.Count);

        foreach (var traceId in traces.Values)
        {
            var trace = spans.InTrace(traceId);
            if (keptTraces.Contains(traceId))
            {
                Assert.True(trace.IsComplete(), $"kept trace {traceId} has orphans or no single root");
                Assert.Equal(["crm-api", "mes-api", "shop-api"], trace.Select(span => span.ServiceName!).Distinct().Order().ToArray());
                Assert.Contains(trace, span => span.Name == "ApproveOrder");
            }
            else
            {
                Assert.Empty(trace);
            }
        }
    }

    [Fact]
    public async Task Every_order_that_ends_in_error_has_its_error_spans_exported()
    {
        var failed = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            failed.Add(await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(150), "silver"));
        }

        foreach (var orderId in failed)
        {
            await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATION_FAILED");
        }

        var ids = failed.Select(id => id.ToString()).ToHashSet();
        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => ids.All(id => all.Any(span => span.Name == "CalculatePrice" && span.StatusCode == ReceivedStatusCode.Error && span.GetString("order.id") == id)
                && all.Any(span => span.Name == "RecordPricingFailure" && span.StatusCode == ReceivedStatusCode.Error && span.GetString("order.id") == id)),
            TraceAssertions.TelemetryTimeout);

        // The failing process's part of the trace comes with the error: the calculation's S3 read, say.
        foreach (var id in ids)
        {
            var calculation = spans.First(span => span.Name == "CalculatePrice" && span.GetString("order.id") == id);
            Assert.Contains(spans, span => span.TraceId == calculation.TraceId && span.ParentSpanId == calculation.SpanId && span.Name == "S3.GetObject models");
        }
    }

    [Fact]
    public async Task Forced_requests_are_always_kept_and_metrics_count_every_request()
    {
        var orderId = await _shop.CreateOrderAsync();
        var route = "/api/orders/{id:guid}";
        var before = await RequestCountAsync(route);

        for (var i = 0; i < 20; i++)
        {
            using var forced = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{orderId}");
            forced.Headers.Add("X-Alexandrite-Trace", "always");
            (await fixture.ShopApi.SendAsync(forced)).EnsureSuccessStatusCode();
            (await fixture.ShopApi.GetAsync($"/api/orders/{orderId}")).EnsureSuccessStatusCode();
        }

        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.Count(span => span.IsServerSpanFor(ResourceNames.ShopApi, route) && span.GetString("url.path") == $"/api/orders/{orderId}") >= 20,
            TraceAssertions.TelemetryTimeout);
        var exported = spans.Count(span => span.IsServerSpanFor(ResourceNames.ShopApi, route) && span.GetString("url.path") == $"/api/orders/{orderId}");
        Assert.InRange(exported, 20, 39);

        // Metrics are never sampled: the request count grows by all 40, whatever was kept.
        var deadline = DateTime.UtcNow + TraceAssertions.TelemetryTimeout;
        while (await RequestCountAsync(route) < before + 40 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal(before + 40, await RequestCountAsync(route));
    }

    [Fact]
    public async Task Information_logs_are_exported_with_their_trace_only_and_warnings_always()
    {
        // Orders created in traces whose decision the caller made (W3C traceparent; the sampler follows the parent):
        // three kept, three not. Two more, not kept, fail pricing: Mes.Api warns inside their unsampled traces. No
        // status polling: its GET /api/orders/{id} would land in the request counts the test above reads.
        var kept = new Dictionary<Guid, string>();
        var dropped = new Dictionary<Guid, string>();
        var failed = new Dictionary<Guid, string>();
        for (var i = 0; i < 3; i++)
        {
            var (orderId, traceId) = await CreateOrderInTraceAsync(sampled: true);
            kept[orderId] = traceId;
            (orderId, traceId) = await CreateOrderInTraceAsync(sampled: false);
            dropped[orderId] = traceId;
        }

        for (var i = 0; i < 2; i++)
        {
            var (orderId, traceId) = await CreateOrderInTraceAsync(sampled: false);
            (await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(150), "cube.stl")).EnsureSuccessStatusCode();
            (await fixture.ShopApi.PostAsync($"/api/orders/{orderId}/submit", null)).EnsureSuccessStatusCode();
            failed[orderId] = traceId;
        }

        // Each kept order's "Order {OrderId} created" (Information) arrives in its trace, each failed order's warning in its own.
        await fixture.Telemetry.WaitForLogRecordsAsync(
            all => kept.All(order => all.Any(log => IsOf(log, order) && log.SeverityNumber == 9))
                && failed.All(order => all.Any(log => IsOf(log, order) && log.SeverityNumber >= 13)),
            TraceAssertions.TelemetryTimeout);

        // Log records go out every second: whatever of the dropped traces was exported would be in by now.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var logs = fixture.Telemetry.LogRecords;
        foreach (var traceId in dropped.Values.Concat(failed.Values))
        {
            Assert.DoesNotContain(logs, log => log.TraceId == traceId && log.SeverityNumber is > 0 and < 13);
        }

        Assert.DoesNotContain(fixture.Telemetry.Spans, span => dropped.ContainsValue(span.TraceId));
    }

    private static bool IsOf(ReceivedLogRecord log, KeyValuePair<Guid, string> order) =>
        log.TraceId == order.Value && log.GetString("OrderId") == order.Key.ToString();

    /// <summary>An order created by a request that carries a trace context, sampled or not, as a caller's would.</summary>
    private async Task<(Guid OrderId, string TraceId)> CreateOrderInTraceAsync(bool sampled)
    {
        var orderId = Guid.CreateVersion7();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(OrderRequests.Valid("silver", orderId)) };
        create.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-{(sampled ? "01" : "00")}");
        (await fixture.ShopApi.SendAsync(create)).EnsureSuccessStatusCode();
        return (orderId, traceId);
    }

    /// <summary>An order created by a request that asks for its trace to be kept, then uploaded and submitted.</summary>
    private async Task<Guid> SubmitForcedOrderAsync()
    {
        var orderId = Guid.CreateVersion7();
        using (var create = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(OrderRequests.Valid("silver", orderId)) })
        {
            create.Headers.Add("X-Alexandrite-Trace", "always");
            (await fixture.ShopApi.SendAsync(create)).EnsureSuccessStatusCode();
        }

        (await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(5), "cube.stl")).EnsureSuccessStatusCode();
        (await fixture.ShopApi.PostAsync($"/api/orders/{orderId}/submit", null)).EnsureSuccessStatusCode();
        return orderId;
    }

    /// <summary>The latest cumulative count of Shop.Api's http.server.request.duration for <paramref name="route"/>.</summary>
    private Task<ulong> RequestCountAsync(string route)
    {
        var points = fixture.Telemetry.MetricPoints
            .Where(point => point.ServiceName == ResourceNames.ShopApi && point.MetricName == "http.server.request.duration" && point.GetString("http.route") == route)
            .GroupBy(point => string.Join(",", point.Attributes.OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value}")))
            .Select(series => series.OrderBy(point => point.Time).Last().Count ?? 0);
        return Task.FromResult(points.Aggregate(0UL, (sum, count) => sum + count));
    }
}
