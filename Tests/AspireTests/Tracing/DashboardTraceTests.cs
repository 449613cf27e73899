using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Tracing;

/// <summary>
/// Support's question, answered in the dashboard: given an order id, find the order's trace (by the order.id
/// attribute) and read the whole journey in it, from the customer's form post on Shop.Web to CLOSED.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class DashboardTraceTests(AspireFixture system)
{
    private static readonly TimeSpan TraceTimeout = TimeSpan.FromSeconds(60);
    private readonly ShopClient _shop = new(system);

    [Fact]
    public async Task An_order_s_trace_is_found_by_its_id_and_holds_every_step_in_all_four_services()
    {
        var orderId = await ShopWebForms.PlaceOrderAsync(system, "gold");
        using (var upload = await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(10), "ring.stl"))
        {
            upload.EnsureSuccessStatusCode();
        }

        (await system.ShopApi.PostAsync($"/api/orders/{orderId}/submit", null)).EnsureSuccessStatusCode();
        await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATED");
        (await system.Manager.PostAsync($"/api/orders/{orderId}/approve", null)).EnsureSuccessStatusCode();
        await _shop.WaitInOperatorQueueAsync(orderId);
        foreach (var step in new[] { "start", "complete", "package", "ship" })
        {
            (await _shop.OperatorStepAsync(orderId, step)).EnsureSuccessStatusCode();
        }

        await _shop.WaitForStatusAsync(orderId, "SHIPPED");
        (await system.Customer.PostAsync($"/api/orders/{orderId}/confirm-receipt", null)).EnsureSuccessStatusCode();
        var order = await _shop.WaitForStatusAsync(orderId, "CLOSED");

        // Every service exports on its own schedule: wait for every step the assertions below look for.
        var statuses = ShopClient.HistoryStatuses(order);
        var trace = await system.Traces.WaitForOrderTraceAsync(
            orderId,
            spans => spans.IsConnected()
                && ExpectedSteps.All(step => spans.Any(span => span.ServiceName == step.Service && span.Name == step.Name))
                && statuses.All(status => spans.Any(span => span.Attribute("order.status.to") == status)),
            TraceTimeout);

        // One trace, rooted at the customer's form post, across the four services, nothing missing.
        var root = Assert.Single(trace, span => span.IsRoot);
        Assert.Equal((ResourceNames.ShopWeb, "POST /order/new"), (root.ServiceName, root.Name));
        Assert.Equal(
            [ResourceNames.CrmApi, ResourceNames.MesApi, ResourceNames.ShopApi, ResourceNames.ShopWeb],
            trace.Select(span => span.ServiceName).Distinct().Order(StringComparer.Ordinal));
        Assert.True(trace.IsConnected(), "Some span's parent is missing from the trace.");

        // order.id on every span; every status change of the history is a span that says so.
        Assert.All(trace, span => Assert.True(span.Attribute("order.id") == orderId.ToString(), $"'{span.Name}' ({span.ServiceName}) lacks order.id"));
        var changes = trace.Select(span => span.Attribute("order.status.to")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.All(statuses, status => Assert.Contains(status, changes));

        // The steps support looks for, each in the service that owns it.
        Assert.All(ExpectedSteps, step => Assert.Contains(trace, span => span.ServiceName == step.Service && span.Name == step.Name));
    }

    private static readonly (string Service, string Name)[] ExpectedSteps =
    [
        (ResourceNames.ShopWeb, "PlaceOrder"), (ResourceNames.ShopApi, "CreateOrder"), (ResourceNames.ShopApi, "UploadModel"),
        (ResourceNames.MesApi, "CalculatePrice"), (ResourceNames.CrmApi, "ApproveOrder"), (ResourceNames.MesApi, "ShipOrder"),
        (ResourceNames.CrmApi, "CloseOrder"),
    ];
}
