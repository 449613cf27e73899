using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>While RabbitMQ is down, status changes wait in the outboxes; when it is back, the services reconnect and carry on.</summary>
[Collection(AspireCollection.Name)]
public sealed class BrokerOutageTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task An_order_submitted_while_the_broker_is_down_is_priced_once_it_is_back()
    {
        await fixture.App.StopResourceAsync(ResourceNames.Messaging);
        Guid orderId;
        try
        {
            // Shop.Api takes the order: the status change and its message commit together in the Shop DB.
            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
            Assert.Equal("SUBMITTED", (await _shop.GetOrderAsync(orderId)).GetProperty("status").GetString());
            using var health = await fixture.ShopApi.GetAsync("/health");
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }
        finally
        {
            await fixture.App.StartResourceAsync(ResourceNames.Messaging);
        }

        // Shop.Api's relay publishes the waiting message; MES and CRM consume again after recovering.
        var order = await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED", TimeSpan.FromSeconds(90));
        Assert.Equal(["INITIATED", "FILE_UPLOADED", "SUBMITTED", "PRICE_CALCULATED", "MANUFACTURING_APPROVED"], ShopClient.HistoryStatuses(order));
        foreach (var service in new[] { ResourceNames.ShopApi, ResourceNames.MesApi, ResourceNames.CrmApi })
        {
            await WaitHealthyAsync(service);
        }
    }

    private async Task WaitHealthyAsync(string service)
    {
        using var client = fixture.ClientFor(service);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await client.GetAsync("/health")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{service} did not become healthy again after the broker came back.");
            await Task.Delay(250);
        }
    }
}
