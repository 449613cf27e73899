using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>CRM closes a shipped order by itself after Closing:AutoCloseAfter (seconds here, days in production).</summary>
[Collection(AspireCollection.Name)]
public sealed class AutoCloseTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task A_shipped_order_closes_by_itself_after_the_configured_delay()
    {
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
        await _shop.WaitInOperatorQueueAsync(orderId);
        foreach (var step in new[] { "start", "complete", "package", "ship" })
        {
            (await _shop.OperatorStepAsync(orderId, step)).EnsureSuccessStatusCode();
        }

        await _shop.WaitForStatusAsync(orderId, "SHIPPED");
        var closed = await _shop.WaitForStatusAsync(orderId, "CLOSED", TestSettings.AutoCloseAfter + TimeSpan.FromSeconds(20));
        var last = closed.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("auto-close", last.GetProperty("actor").GetString());
    }
}
