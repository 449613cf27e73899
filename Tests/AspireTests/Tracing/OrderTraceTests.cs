using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Tracing;

/// <summary>One trace per order, from the customer's click on Shop.Web to CLOSED, with order.id on every span.</summary>
[Collection(AspireCollection.Name)]
public sealed class OrderTraceTests(AspireFixture fixture)
{
    private static readonly string[] BusinessScopes = ["Alexandrite.Orders", "Alexandrite.Messaging", "Alexandrite.Storage"];
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task A_whole_lifecycle_is_one_connected_trace_across_the_four_services()
    {
        var orderId = await ShopWebForms.PlaceOrderAsync(fixture, "gold");
        await DriveToClosedAsync(orderId);
        var order = await _shop.GetOrderAsync(orderId);
        var history = order.GetProperty("history").EnumerateArray().ToList();
        var traceId = history[0].GetProperty("traceId").GetString()!;

        // Each service exports on its own schedule: wait until the last step is in and no span misses its parent.
        IReadOnlyList<ReceivedSpan> trace = [];
        try
        {
            await fixture.Telemetry.WaitForSpansAsync(
                all => (trace = all.InTrace(traceId)).Any(span => span.Name == "CloseOrder") && trace.IsComplete(),
                TraceAssertions.TelemetryTimeout);
        }
        catch (TimeoutException)
        {
            // The assertions below say what is missing.
        }

        // Every status change happened in the order's trace, and the history says so.
        Assert.All(history, change => Assert.Equal(traceId, change.GetProperty("traceId").GetString()));

        // The business and messaging spans of this order are all in this one trace; request traces only link to it.
        var orderSpans = fixture.Telemetry.Spans.Where(span => span.GetString("order.id") == orderId.ToString() && BusinessScopes.Contains(span.ScopeName)).ToList();
        Assert.All(orderSpans, span => Assert.Equal(traceId, span.TraceId));

        // Spanning all four services, starting at Shop.Web.
        Assert.Equal(["crm-api", "mes-api", "shop-api", "shop-web"], trace.Select(span => span.ServiceName!).Distinct().Order().ToArray());
        var root = Assert.Single(trace, span => span.IsRoot);
        Assert.Equal("shop-web", root.ServiceName);
        Assert.Equal("POST /order/new", root.Name);

        // No orphans: every span's parent is in the trace.
        var ids = trace.Select(span => span.SpanId).ToHashSet();
        Assert.All(trace.Where(span => !span.IsRoot), span => Assert.True(ids.Contains(span.ParentSpanId!), $"'{span.Name}' ({span.ServiceName}) has no parent in the trace"));

        // order.id on every span of the trace: HTTP server and client, Npgsql, S3, RabbitMQ, business.
        Assert.All(trace, span => Assert.True(span.GetString("order.id") == orderId.ToString(), $"'{span.Name}' ({span.ServiceName}, {span.ScopeName}) lacks order.id"));
        Assert.Contains(trace, span => span.ScopeName == "Npgsql");
        Assert.Contains(trace, span => span.ScopeName == "System.Net.Http");
        Assert.Contains(trace, span => span.Name == "S3.PutObject models" && span.Kind == ReceivedSpanKind.Client);
        Assert.Contains(trace, span => span.Name == "S3.GetObject models" && span.ServiceName == "mes-api");

        // Each status change is a span carrying from and to.
        foreach (var change in history)
        {
            var from = change.GetProperty("from").GetString();
            var to = change.GetProperty("to").GetString();
            Assert.True(
                trace.Any(span => span.GetString("order.status.to") == to && span.GetString("order.status.from") == from),
                $"No span in the trace records {from ?? "(new)"} -> {to}");
        }

        // Producers and consumers: every consumer span is the child of the producer span of the same message.
        var consumers = trace.Where(span => span.Kind == ReceivedSpanKind.Consumer).ToList();
        Assert.Equal(7, consumers.Count);
        Assert.All(consumers, consumer =>
        {
            var producer = trace.ParentOf(consumer);
            Assert.Equal(ReceivedSpanKind.Producer, producer.Kind);
            Assert.Equal(consumer.GetString("messaging.message.id"), producer.GetString("messaging.message.id"));
            Assert.Equal("rabbitmq", consumer.GetString("messaging.system"));
            Assert.Equal(producer.GetString("messaging.rabbitmq.destination.routing_key"), consumer.GetString("messaging.rabbitmq.destination.routing_key"));
            Assert.NotEqual(producer.ServiceName, consumer.ServiceName);
        });

        // An operation asked for over HTTP later runs in the order's trace and links to its request.
        var approval = Assert.Single(trace, span => span.Name == "ApproveOrder");
        var link = Assert.Single(approval.Links);
        Assert.NotEqual(traceId, link.TraceId);
        var request = await fixture.Telemetry.WaitForSpansAsync(all => all.Any(span => span.SpanId == link.SpanId), TraceAssertions.TelemetryTimeout);
        Assert.Equal("POST /api/orders/{id:guid}/approve", request.Single(span => span.SpanId == link.SpanId).Name);

        var calculation = Assert.Single(trace, span => span.Name == "CalculatePrice");
        Assert.Equal("ok", calculation.GetString("order.outcome"));
        Assert.Equal(12L, calculation.Attributes["order.model.polygons"]);
        Assert.Matches("^cust-[0-9a-f]{20}$", Assert.Single(trace, span => span.Name == "CreateOrder").GetString("order.customer.id"));
    }

    [Fact]
    public async Task A_failing_calculation_is_an_Error_span_with_an_exception_event_in_the_order_trace()
    {
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(150), "silver");
        var order = await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATION_FAILED");
        var traceId = order.GetProperty("history")[0].GetProperty("traceId").GetString()!;

        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.Any(span => span.TraceId == traceId && span.Name == "RecordPricingFailure")
                && all.Any(span => span.TraceId == traceId && span.Name == "CalculatePrice"),
            TraceAssertions.TelemetryTimeout);

        var calculation = Assert.Single(spans, span => span.TraceId == traceId && span.Name == "CalculatePrice");
        Assert.Equal(ReceivedStatusCode.Error, calculation.StatusCode);
        Assert.Equal("fail", calculation.GetString("order.outcome"));
        var exception = Assert.Single(calculation.Events, e => e.Name == "exception");
        Assert.Contains("150 mm across", exception.Attributes["exception.message"] as string);
        var recorded = Assert.Single(spans, span => span.TraceId == traceId && span.Name == "RecordPricingFailure");
        Assert.Equal(ReceivedStatusCode.Error, recorded.StatusCode);
        Assert.Equal("PRICE_CALCULATION_FAILED", recorded.GetString("order.status.to"));
    }

    [Fact]
    public async Task Two_orders_submitted_at_once_get_two_separate_traces()
    {
        var orders = await Task.WhenAll(
            _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver"),
            _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(6), "silver"));
        var approved = await Task.WhenAll(orders.Select(id => _shop.WaitForStatusAsync(id, "MANUFACTURING_APPROVED")));

        var traceIds = approved.Select(order => order.GetProperty("history")[0].GetProperty("traceId").GetString()!).ToArray();
        Assert.NotEqual(traceIds[0], traceIds[1]);
        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => traceIds.All(traceId => all.Any(span => span.TraceId == traceId && span.Name == "ApproveOrder")
                && all.Any(span => span.TraceId == traceId && span.Name == "CalculatePrice")),
            TraceAssertions.TelemetryTimeout);
        for (var i = 0; i < 2; i++)
        {
            var trace = spans.InTrace(traceIds[i]);
            Assert.All(trace, span => Assert.Equal(orders[i].ToString(), span.GetString("order.id")));
            Assert.Contains(trace, span => span.Name == "CalculatePrice");
        }
    }

    [Fact]
    public async Task Baggage_from_outside_keeps_only_a_valid_order_id()
    {
        // An order.id that is not an order id is dropped at the edge: nothing under the request carries it.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/operator/queue"))
        {
            request.Headers.Add("baggage", "tenant=evil,order.id=not-a-guid");
            (await fixture.Operator.SendAsync(request)).EnsureSuccessStatusCode();
        }

        // A real order id is the system's own key: it passes Shop.Web and reaches Shop.Api with the call.
        var orderId = await _shop.CreateOrderAsync();
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/orders/{orderId}"))
        {
            request.Headers.Add("baggage", $"tenant=evil,order.id={orderId}");
            (await fixture.ShopWeb.SendAsync(request)).EnsureSuccessStatusCode();
        }

        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.Any(span => span.IsServerSpanFor(ResourceNames.ShopApi, "/api/orders/{id:guid}") && span.GetString("url.path") == $"/api/orders/{orderId}"),
            TraceAssertions.TelemetryTimeout);
        var queue = spans.Last(span => span.IsServerSpanFor(ResourceNames.MesApi, "/api/operator/queue"));
        Assert.All(spans.InTrace(queue.TraceId), span => Assert.Null(span.GetString("order.id")));

        var api = spans.Single(span => span.IsServerSpanFor(ResourceNames.ShopApi, "/api/orders/{id:guid}") && span.GetString("url.path") == $"/api/orders/{orderId}");
        Assert.Equal(orderId.ToString(), api.GetString("order.id"));
        Assert.All(spans.InTrace(api.TraceId), span => Assert.Equal(orderId.ToString(), span.GetString("order.id")));
    }

    private async Task DriveToClosedAsync(Guid orderId)
    {
        (await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(10), "cube.stl")).EnsureSuccessStatusCode();
        (await fixture.ShopApi.PostAsync($"/api/orders/{orderId}/submit", null)).EnsureSuccessStatusCode();
        await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATED");
        (await fixture.Manager.PostAsync($"/api/orders/{orderId}/approve", null)).EnsureSuccessStatusCode();
        await _shop.WaitInOperatorQueueAsync(orderId);
        foreach (var (step, status) in new[] { ("start", "MANUFACTURING_STARTED"), ("complete", "MANUFACTURING_COMPLETED"), ("package", "PACKAGING"), ("ship", "SHIPPED") })
        {
            (await _shop.OperatorStepAsync(orderId, step)).EnsureSuccessStatusCode();
            await _shop.WaitForStatusAsync(orderId, status);
        }

        (await fixture.Customer.PostAsync($"/api/orders/{orderId}/confirm-receipt", null)).EnsureSuccessStatusCode();
        await _shop.WaitForStatusAsync(orderId, "CLOSED");
    }
}
