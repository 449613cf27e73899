using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>
/// What the AppHost's dashboard commands call (Development only): a demo order that moves through every
/// service, and pausing MES's consumer so an order visibly waits while MES itself stays healthy.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class DemoCommandTests(AspireFixture system)
{
    /// <summary>How long an order must sit unmoved to show the pause holds it.</summary>
    private static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(3);

    private readonly ShopClient _shop = new(system);

    [Fact]
    public async Task A_demo_order_is_created_uploaded_and_submitted_and_waits_for_the_manager()
    {
        using var response = await system.ShopApi.PostAsync("/diagnostics/demo-order", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var order = await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATED");
        Assert.Equal(12, order.GetProperty("model").GetProperty("polygons").GetInt64());
        Assert.Contains((await system.Manager.GetFromJsonAsync<JsonElement>("/api/approvals/pending")).EnumerateArray(),
            pending => pending.GetProperty("orderId").GetGuid() == orderId);
    }

    [Fact]
    public async Task While_MES_takes_no_orders_a_submitted_order_waits_and_MES_stays_healthy_then_it_moves_on()
    {
        using (var pause = await system.MesApi.PostAsync("/diagnostics/consumer/pause", null))
        {
            // 200 once the consumer holds no channel any more.
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        Guid orderId;
        try
        {
            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
            await Task.Delay(HeldFor);

            Assert.Equal("SUBMITTED", (await _shop.GetOrderAsync(orderId)).GetProperty("status").GetString());
            using var health = await system.MesApi.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            (await system.MesApi.PostAsync("/diagnostics/consumer/resume", null)).EnsureSuccessStatusCode();
        }

        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
    }
}
