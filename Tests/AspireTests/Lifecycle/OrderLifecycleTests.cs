using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>Orders through the whole lifecycle, across the four services as separate processes.</summary>
[Collection(AspireCollection.Name)]
public sealed class OrderLifecycleTests(AspireFixture system)
{
    private readonly ShopClient _shop = new(system);

    [Fact]
    public async Task An_order_with_a_real_STL_runs_from_INITIATED_to_CLOSED()
    {
        // A 10 mm gold cube costs more than the automatic limit: the manager approves it.
        var orderId = await _shop.CreateOrderAsync("gold");
        using (var upload = await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(10), "cube.stl"))
        {
            var model = await upload.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(12, model.GetProperty("polygons").GetInt64());
            Assert.Equal(1000, model.GetProperty("volume").GetDouble(), 6);
            Assert.Equal("StlBinary", model.GetProperty("format").GetString());
        }

        Assert.Equal("FILE_UPLOADED", (await _shop.GetOrderAsync(orderId)).GetProperty("status").GetString());
        (await system.ShopApi.PostAsync($"/api/orders/{orderId}/submit", null)).EnsureSuccessStatusCode();

        var priced = await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATED");
        Assert.True(priced.GetProperty("price").GetProperty("amount").GetDecimal() > 1000m);
        var pending = await system.Manager.GetFromJsonAsync<JsonElement>("/api/approvals/pending");
        Assert.Contains(pending.EnumerateArray(), item => item.GetProperty("orderId").GetGuid() == orderId);

        using (var managerSeven = system.SignedInClientFor(ResourceNames.CrmApi, "manager-7", Roles.Manager))
        {
            (await managerSeven.PostAsync($"/api/orders/{orderId}/approve", null)).EnsureSuccessStatusCode();
        }

        await _shop.WaitInOperatorQueueAsync(orderId);
        foreach (var (step, status) in new[] { ("start", "MANUFACTURING_STARTED"), ("complete", "MANUFACTURING_COMPLETED"), ("package", "PACKAGING"), ("ship", "SHIPPED") })
        {
            using var response = await _shop.OperatorStepAsync(orderId, step);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await _shop.WaitForStatusAsync(orderId, status);
        }

        (await system.Customer.PostAsync($"/api/orders/{orderId}/confirm-receipt", null)).EnsureSuccessStatusCode();

        var closed = await _shop.WaitForStatusAsync(orderId, "CLOSED");
        Assert.Equal(
            ["INITIATED", "FILE_UPLOADED", "SUBMITTED", "PRICE_CALCULATED", "MANUFACTURING_APPROVED", "MANUFACTURING_STARTED",
             "MANUFACTURING_COMPLETED", "PACKAGING", "SHIPPED", "CLOSED"],
            ShopClient.HistoryStatuses(closed));

        var history = closed.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["shop-api", "shop-api", "shop-api", "mes-api", "crm-api", "mes-api", "mes-api", "mes-api", "mes-api", "crm-api"],
            history.Select(change => change.GetProperty("by").GetString()!).ToArray());
        Assert.Equal("manager-7", history[4].GetProperty("actor").GetString());
        Assert.All(history, change => Assert.Matches("^[0-9a-f]{32}$", change.GetProperty("traceId").GetString()));
        Assert.All(history.Skip(1), change => Assert.Equal(
            history[history.IndexOf(change) - 1].GetProperty("to").GetString(), change.GetProperty("from").GetString()));
    }

    [Fact]
    public async Task The_price_follows_from_the_file_and_the_material()
    {
        var small = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
        var large = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(10), "silver");
        var gold = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "gold");

        // Metal by weight (volume read from the stored file x density x price per gram) plus workmanship
        // (50 + 20 log10(polygons)); all three are under the automatic limit, so CRM approves them itself.
        // 5 mm silver cube: 0.125 cm3 x 10.4 g/cm3 x 1.10 EUR/g + 71.58 = 73.01
        Assert.Equal(73.01m, Price(await _shop.WaitForStatusAsync(small, "MANUFACTURING_APPROVED")));
        // 10 mm silver cube: eight times the metal, the same workmanship.
        Assert.Equal(83.02m, Price(await _shop.WaitForStatusAsync(large, "MANUFACTURING_APPROVED")));
        // 5 mm gold cube: 0.125 x 15.6 x 75 + 71.58
        Assert.Equal(217.83m, Price(await _shop.WaitForStatusAsync(gold, "MANUFACTURING_APPROVED")));
    }

    [Fact]
    public async Task An_order_the_manager_rejects_ends_REJECTED_with_the_reason()
    {
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(10), "gold");
        await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATED");

        using var missingReason = await system.Manager.PostAsJsonAsync($"/api/orders/{orderId}/reject", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        using var reject = await system.Manager.PostAsJsonAsync($"/api/orders/{orderId}/reject", new { reason = "Gold is on hold this month" });
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);

        var order = await _shop.WaitForStatusAsync(orderId, "REJECTED");
        Assert.Equal("Gold is on hold this month", order.GetProperty("statusReason").GetString());
        Assert.Equal(["INITIATED", "FILE_UPLOADED", "SUBMITTED", "PRICE_CALCULATED", "REJECTED"], ShopClient.HistoryStatuses(order));
    }

    [Fact]
    public async Task A_model_the_workshop_cannot_make_ends_PRICE_CALCULATION_FAILED_with_the_reason()
    {
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(150), "silver");

        var order = await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATION_FAILED");
        Assert.Contains("150 mm across", order.GetProperty("statusReason").GetString());
        Assert.Equal(["INITIATED", "FILE_UPLOADED", "SUBMITTED", "PRICE_CALCULATION_FAILED"], ShopClient.HistoryStatuses(order));
    }

    [Fact]
    public async Task A_customer_can_cancel_before_submitting_but_not_after()
    {
        var cancelled = await _shop.CreateOrderAsync();
        using (var cancel = await system.ShopApi.PostAsJsonAsync($"/api/orders/{cancelled}/cancel", new { reason = "Changed my mind" }))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        Assert.Equal("CANCELLED", (await _shop.GetOrderAsync(cancelled)).GetProperty("status").GetString());

        var submitted = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
        using var late = await system.ShopApi.PostAsync($"/api/orders/{submitted}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }


    private static decimal Price(JsonElement order) => order.GetProperty("price").GetProperty("amount").GetDecimal();
}
