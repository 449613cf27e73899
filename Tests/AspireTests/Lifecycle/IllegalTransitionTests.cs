using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>The state machine refuses what the lifecycle does not allow, with 409, and nothing changes.</summary>
[Collection(AspireCollection.Name)]
public sealed class IllegalTransitionTests(AspireFixture system)
{
    private readonly ShopClient _shop = new(system);

    [Fact]
    public async Task Steps_out_of_order_are_refused_with_409_and_change_nothing()
    {
        var orderId = await _shop.CreateOrderAsync();
        var before = await _shop.GetOrderAsync(orderId);

        await AssertConflictAsync(await system.ShopApi.PostAsync($"/api/orders/{orderId}/submit", null), "INITIATED", "SUBMITTED");
        await AssertConflictAsync(await system.Manager.PostAsync($"/api/orders/{orderId}/approve", null), "INITIATED", "MANUFACTURING_APPROVED");
        await AssertConflictAsync(await system.Customer.PostAsync($"/api/orders/{orderId}/confirm-receipt", null), "INITIATED", "CLOSED");

        var after = await _shop.GetOrderAsync(orderId);
        Assert.Equal("INITIATED", after.GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());
        Assert.Equal(before.GetProperty("updatedAt").GetDateTimeOffset(), after.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_operator_cannot_skip_a_step()
    {
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        await _shop.WaitInOperatorQueueAsync(orderId);

        await AssertConflictAsync(await _shop.OperatorStepAsync(orderId, "ship"), "MANUFACTURING_APPROVED", "SHIPPED");
        await AssertConflictAsync(await _shop.OperatorStepAsync(orderId, "package"), "MANUFACTURING_APPROVED", "PACKAGING");
        (await _shop.OperatorStepAsync(orderId, "start")).EnsureSuccessStatusCode();
        await AssertConflictAsync(await _shop.OperatorStepAsync(orderId, "start"), "MANUFACTURING_STARTED", "MANUFACTURING_STARTED");

        var order = await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_STARTED");
        Assert.Equal("MANUFACTURING_STARTED", ShopClient.HistoryStatuses(order)[^1]);
        Assert.Single(ShopClient.HistoryStatuses(order), status => status == "MANUFACTURING_STARTED");
    }

    [Fact]
    public async Task Unknown_orders_are_404_problems_everywhere()
    {
        var unknown = Guid.NewGuid();
        foreach (var response in new[]
        {
            await system.ShopApi.GetAsync($"/api/orders/{unknown}"),
            await system.ShopApi.PostAsync($"/api/orders/{unknown}/submit", null),
            await _shop.UploadAsync(unknown, SampleModels.BinaryStlCube(5), "cube.stl"),
            await system.Manager.PostAsync($"/api/orders/{unknown}/approve", null),
            await _shop.OperatorStepAsync(unknown, "start"),
        })
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }
    }


    private static async Task AssertConflictAsync(HttpResponseMessage response, string status, string requested)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(status, problem.GetProperty("currentStatus").GetString());
            Assert.Equal(requested, problem.GetProperty("requestedStatus").GetString());
        }
    }
}
